"""Run the same step in several threads at once, each with its own database connection (PostgreSQL)."""

import threading

from django.db import connections


def at_once(*steps):
    """Run each callable in its own thread, released together by a barrier; return (results, errors)."""
    barrier = threading.Barrier(len(steps))
    results, errors = [None] * len(steps), []

    def run(index, step):
        try:
            barrier.wait()
            results[index] = step()
        except Exception as error:  # surfaced by the caller's assertions
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, step)) for i, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


class InBackground:
    """`step` running in its own thread and database connection (started at once); `join()` gives
    (result, errors) — for a test that interleaves the main thread's work with it."""

    def __init__(self, step):
        self.result, self.errors = None, []

        def run():
            try:
                self.result = step()
            except Exception as error:  # surfaced by the caller's assertions
                self.errors.append(error)
            finally:
                connections.close_all()

        self._thread = threading.Thread(target=run)
        self._thread.start()

    def join(self):
        self._thread.join()
        return self.result, self.errors
