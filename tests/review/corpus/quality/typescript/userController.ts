import type { Request, Response } from "express";
import { execSync } from "child_process";
import { UserRepository } from "./userRepository";

export function makeController(repo: UserRepository) {
  return {
    async list(req: Request, res: Response) {
      const ids = String(req.query.ids ?? "").split(",");
      const users = [];
      for (const id of ids) {
        users.push(await repo.findById(id)); // wfc-expect: performance medium
      }
      res.json(users);
    },

    async version(_req: Request, res: Response) {
      const rev = execSync("git rev-parse HEAD").toString().trim(); // wfc-expect: performance medium
      res.json({ rev });
    },

    remove(req: Request, res: Response) {
      try {
        repo.delete(req.params.id);
      } catch (err) {
        // ignore
      } // wfc-expect: reliability low
      res.status(204).end();
    },
  };
}
