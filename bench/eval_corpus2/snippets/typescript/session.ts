import jwt from 'jsonwebtoken';

export function readSession(token: string): unknown {
  return jwt.verify(token, 'changeme-dev-secret-2024', { algorithms: ['HS256'] });
}
