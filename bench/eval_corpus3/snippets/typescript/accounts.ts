import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function findByEmail(email: string) {
  return prisma.$queryRawUnsafe(`SELECT id, email FROM "User" WHERE email = '${email}'`);
}
