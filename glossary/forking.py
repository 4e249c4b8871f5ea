"""Running one piece of work in a forked copy of the process (mining's second core).

Fork, not spawn: the child inherits the miner's state (phrases, lexicon, words read so
far) without pickling it; only its result is pickled back. Linux and macOS only; the
miner checks that fork is available and that the process has one thread.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

R = TypeVar("R")
T = TypeVar("T")
Q = TypeVar("Q")
S = TypeVar("S")

# Below this many characters (about 50,000 words) work is done in one process: forking
# and pickling the halves' results would cost more than the second core saves.
PARALLEL_MIN_CHARACTERS = 300_000


def may_fork(characters: int) -> bool:
    """Whether work on this many characters of text is worth a second process, and
    forking is safe: never from a process running threads (the TUI builds in a worker
    thread), since a forked copy of a locked lock never unlocks."""
    return (
        characters >= PARALLEL_MIN_CHARACTERS
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def in_halves(items: Sequence[T], work: Callable[[Sequence[T]], list[R]], fork: bool) -> list[R]:
    """work(items), as work(first half) + work(second half) with the second half in a
    forked process when `fork`; the same list either way."""
    if not fork or len(items) < 2:
        return work(items)
    middle = len(items) // 2
    with Forked(lambda: work(items[middle:])) as second:
        first = work(items[:middle])
        return first + second.result()


class _Child:
    """A forked copy of this process running `target(*args, send)`, which sends back
    (True, result) or (False, traceback) on `send`.

    Used as a context manager: leaving it early (an error, Ctrl-C) ends the process."""

    def _start(self, target: Callable[..., object], *args: object) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=target, args=(*args, send), daemon=True)
        self._process.start()
        send.close()  # ours; the child holds its own copy

    def _next(self) -> Any:  # whatever the child pickled
        try:
            ok, value = self._receive.recv()
        except EOFError:  # killed (out of memory?) before it could answer
            self._process.join()
            raise RuntimeError(
                f"mining process ended without a result (exit code {self._process.exitcode})"
            ) from None
        if not ok:
            self._process.join()
            raise RuntimeError(f"mining process failed:\n{value}")
        return value

    def __exit__(self, *exc: object) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


class Forked(_Child, Generic[R]):
    """`work()` run in a forked copy of this process, which inherits everything built
    so far (nothing is pickled on the way in); its result comes back pickled.

    Used as a context manager: leaving it early (an error, Ctrl-C) ends the process."""

    def __init__(self, work: Callable[[], R]) -> None:
        self._start(_run_forked, work)

    def result(self) -> R:
        result: R = self._next()
        self._process.join()
        return result

    def __enter__(self) -> Forked[R]:
        return self


class Prepared(Generic[S, Q, R]):
    """Work that can start before all its input is known: `prepare()` runs at once in
    a forked copy of this process (beside whatever this one does next), which then
    waits for one question; `ask(question)` returns `answer(prepared, question)`.

    With `fork` False everything runs here, in `ask`. Used as a context manager like
    Forked (leaving it unasked ends the process)."""

    def __init__(
        self, prepare: Callable[[], S], answer: Callable[[S, Q], R], *, fork: bool
    ) -> None:
        self._prepare, self._answer = prepare, answer
        self._forked: Continued[None, Q, R] | None = None
        if fork:
            prepared: list[S] = []  # filled in the forked copy only
            self._forked = Continued(
                lambda: prepared.append(prepare()), lambda q: answer(prepared[0], q)
            )

    def ask(self, question: Q) -> R:
        if self._forked is None:
            return self._answer(self._prepare(), question)
        self._forked.first()  # prepared (or its failure raised here)
        self._forked.ask(question)
        return self._forked.answer()

    def __enter__(self) -> Prepared[S, Q, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._forked is not None:
            self._forked.__exit__(*exc)


class Continued(_Child, Generic[R, Q, S]):
    """`first()` run in a forked copy of this process, its result sent back; the copy
    then waits for one question (`ask`) and sends back `then(question)` (`answer`),
    computed with whatever `first()` left in it. Two steps of work in one fork: each
    fork costs both processes a copy of every page they write to afterwards.

    Used as a context manager like Forked (leaving it unasked ends the process)."""

    def __init__(self, first: Callable[[], R], then: Callable[[Q], S]) -> None:
        questions, self._ask = multiprocessing.get_context("fork").Pipe(duplex=False)
        self._start(_run_continued, first, then, questions)
        questions.close()  # the child's end; it holds its own copy
        self._asked = False

    def first(self) -> R:
        result: R = self._next()
        return result

    def ask(self, question: Q) -> None:
        """Send the question; the copy starts on it at once (see answer)."""
        self._ask.send(question)
        self._ask.close()
        self._asked = True

    def answer(self) -> S:
        """then(question), once the copy has it (wait for it)."""
        answer: S = self._next()
        self._process.join()
        return answer

    def __enter__(self) -> Continued[R, Q, S]:
        return self

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        if not self._asked:
            self._ask.close()


def _run_continued(
    first: Callable[[], object],
    then: Callable[[object], object],
    questions: Connection,
    send: Connection,
) -> None:
    if not _run_forked(first, send, keep_open=True):
        return
    try:
        question = questions.recv()
    except EOFError:  # the parent needed no second step
        send.close()
        return
    _run_forked(lambda: then(question), send)


def _run_forked(work: Callable[[], object], send: Connection, keep_open: bool = False) -> bool:
    """Send (True, work()), or (False, the traceback); whether work() succeeded."""
    # Ctrl-C reaches the whole process group: the parent handles it and ends this one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.disable()  # a short life: collecting would only copy the parent's pages
    ok = False
    try:
        send.send((True, work()))
        ok = True
    except BaseException:  # noqa: BLE001 - whatever it is, the parent raises it
        send.send((False, traceback.format_exc()))
    finally:
        if not (ok and keep_open):
            send.close()
    return ok
