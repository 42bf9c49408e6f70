"use strict";

const express = require("express");

function asyncHandler(fn) {
  return (req, res, next) => {
    Promise.resolve(fn(req, res, next)).catch(next);
  };
}

function buildRouter({ users, audit, logger }) {
  const router = express.Router();

  router.get(
    "/users/:id",
    asyncHandler(async (req, res) => {
      const user = await users.findById(req.params.id);
      if (!user) {
        res.status(404).json({ error: "not found" });
        return;
      }
      res.json(user);
    }),
  );

  router.post(
    "/users/batch",
    asyncHandler(async (req, res) => {
      const ids = Array.isArray(req.body.ids) ? req.body.ids.slice(0, 100) : [];
      const found = await users.findMany(ids);
      res.json(found);
    }),
  );

  router.delete(
    "/users/:id",
    asyncHandler(async (req, res) => {
      await users.remove(req.params.id);
      audit.record("user.deleted", { id: req.params.id }).catch((err) => {
        logger.warn({ err }, "audit write failed");
      });
      res.status(204).end();
    }),
  );

  return router;
}

module.exports = { buildRouter, asyncHandler };
