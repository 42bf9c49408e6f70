import React, { useEffect, useState } from "react";

interface Props {
  userId: string;
  load: (id: string, signal: AbortSignal) => Promise<{ name: string }>;
}

export function UserBadge({ userId, load }: Props) {
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    load(userId, controller.signal)
      .then((user) => setName(user.name))
      .catch((err: Error) => {
        if (err.name !== "AbortError") {
          setError(err.message);
        }
      });
    return () => controller.abort();
  }, [userId, load]);

  if (error) {
    return <span className="badge badge-error">{error}</span>;
  }
  return <span className="badge">{name ?? "…"}</span>;
}
