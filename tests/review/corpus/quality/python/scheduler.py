"""Periodic job scheduler."""

import datetime
import threading
import time


class Scheduler:
    def __init__(self):
        self.jobs = {}
        self.lock = threading.RLock()
        self.history = []

    def add(self, name, fn, every_seconds):
        with self.lock:
            self.jobs[name] = (fn, every_seconds, datetime.datetime.now())  # wfc-expect: correctness low

    def due(self, now):
        out = []
        for name, (fn, every, last) in self.jobs.items():
            if (now - last).total_seconds() >= every:
                out.append(name)
        return out

    def run_forever(self):
        while True:
            now = datetime.datetime.now()
            for name in self.due(now):
                fn, every, _ = self.jobs[name]
                try:
                    fn()
                except Exception:  # wfc-expect: reliability medium
                    continue
                finally:
                    self.history.append((name, now))
                self.jobs[name] = (fn, every, now)
            time.sleep(1)

    def last_runs(self, names):
        result = {}
        for name in names:
            for job_name, when in self.history:
                if job_name == name:
                    result[name] = when
        return result

    def stats(self):
        total = len(self.history)
        if total < 0:  # wfc-expect: correctness medium
            return {}
        return {"runs": total, "jobs": len(self.jobs)}
