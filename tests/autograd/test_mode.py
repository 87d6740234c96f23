"""no_grad and detect_anomaly: nesting, decorators, threads, error reports."""

from __future__ import annotations

import asyncio
import math
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import autograd
from autograd import Value, detect_anomaly, grad, no_grad
from autograd.mode import grad_enabled


def test_no_grad_results_are_leaves() -> None:
    x = Value(2.0)
    with no_grad():
        y = (x * x).tanh() + 1
    assert (y.op, y.parents) == ("", ())
    assert y.data == pytest.approx(math.tanh(4.0) + 1, rel=1e-15)
    assert grad(y, [x]) == [0.0]


def test_no_grad_nests_and_restores() -> None:
    x = Value(2.0)
    with no_grad():
        with no_grad():
            assert not grad_enabled()
        assert not grad_enabled()
        assert (x * x).parents == ()
    assert grad_enabled()
    assert (x * x).parents == (x, x)


def test_no_grad_restores_after_an_exception() -> None:
    with pytest.raises(RuntimeError), no_grad():
        raise RuntimeError("boom")
    assert grad_enabled()


def test_one_no_grad_object_can_be_entered_twice() -> None:
    ctx = no_grad()
    with ctx:
        with ctx:
            assert not grad_enabled()
        assert not grad_enabled()
    assert grad_enabled()


def test_no_grad_as_a_decorator() -> None:
    @no_grad()
    def square(v: Value) -> Value:
        assert not grad_enabled()
        return v * v

    x = Value(3.0)
    assert square(x).parents == ()
    assert square.__name__ == "square"
    assert (x * x).parents == (x, x)


def test_no_grad_is_per_thread() -> None:
    inside = threading.Event()
    release = threading.Event()
    seen: list[bool] = []

    def worker() -> None:
        with no_grad():
            inside.set()
            release.wait(5)

    def other() -> None:
        x = Value(1.0)
        seen.append(bool((x * x).parents))

    t = threading.Thread(target=worker)
    t.start()
    inside.wait(5)
    # While the worker is inside no_grad, this thread and a third still record.
    assert grad_enabled()
    t2 = threading.Thread(target=other)
    t2.start()
    t2.join()
    release.set()
    t.join()
    assert seen == [True]


def test_one_no_grad_object_shared_by_two_threads() -> None:
    # Thread a enters, b enters, a leaves while b is still inside, then b
    # leaves: each must reset its own mode, and both record again afterwards.
    shared = no_grad()
    both_inside = threading.Barrier(2)
    a_left = threading.Event()
    seen: dict[str, tuple[bool, bool]] = {}
    failures: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            with shared:
                both_inside.wait(10)
                if name == "b":
                    a_left.wait(10)
                inside = grad_enabled()
            if name == "a":
                a_left.set()
            x = Value(1.0)
            seen[name] = (inside, bool((x * x).parents))
        except BaseException as error:
            failures.append(error)
            a_left.set()

    threads = [threading.Thread(target=worker, args=(name,)) for name in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert seen == {"a": (False, True), "b": (False, True)}


def test_one_no_grad_object_shared_by_two_asyncio_tasks() -> None:
    shared = no_grad()
    order: list[str] = []

    async def task(name: str, pause: int) -> bool:
        with shared:
            order.append(f"{name} in")
            for _ in range(pause):  # let the other task run inside the block
                await asyncio.sleep(0)
            order.append(f"{name} out")
        return grad_enabled()

    async def both() -> list[bool]:
        return list(await asyncio.gather(task("a", 1), task("b", 3)))

    # In a thread of its own: once a browser test has started Chromium, the
    # main thread has playwright's event loop running, and asyncio.run refuses.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, both()).result(timeout=60) == [True, True]
    assert order == ["a in", "b in", "a out", "b out"]  # the blocks overlapped
    assert grad_enabled()


# -- detect_anomaly -----------------------------------------------------------------


def test_anomaly_in_forward_names_op_inputs_and_site() -> None:
    big = Value(1e200, label="big")
    with detect_anomaly(), pytest.raises(FloatingPointError) as info:
        big * big  # the line reported
    message = str(info.value)
    assert "* produced inf from 1e+200 (Value 'big') and 1e+200 (Value 'big')" in message
    assert "test_mode.py:" in message


def test_anomaly_nan_from_inf_minus_inf() -> None:
    x = Value(math.inf, label="x")
    with detect_anomaly(), pytest.raises(FloatingPointError, match=r"- produced nan from inf"):
        x - x


def test_anomaly_sees_a_sum_or_dot_of_plain_numbers_too() -> None:
    # Such a sum is a leaf, not a node, and used to bypass the check.
    with detect_anomaly():
        with pytest.raises(
            FloatingPointError, match=r"^sum produced inf from 1e\+308 and 1e\+308"
        ):
            autograd.sum([1e308, 1e308])
        with pytest.raises(FloatingPointError, match=r"^dot produced nan from"):
            autograd.dot([math.inf], [0.0])
        assert autograd.sum([0.5, 0.25]).data == 0.75  # finite sums pass


def test_anomaly_in_backward_names_the_node_and_where_it_was_made() -> None:
    # Every value and local derivative is finite (1e100, and d/dx = -1e300), but
    # the upstream gradient 1e100 times -1e300 overflows to -inf. (A local
    # derivative that is itself infinite, log at 5e-324, raises before anomaly
    # mode sees it: see test_backward's infinite-derivative policy.)
    x = Value(1e-200, label="x")
    with detect_anomaly():
        y = (1e-100 / x) * 1e100  # the / node is made on this line
        with pytest.raises(FloatingPointError) as info:
            y.backward()
    message = str(info.value)
    assert "backward of / gave gradient -inf for operand 1 (1e-200 (Value 'x'))" in message
    assert f"test_mode.py:{_line_of('y = (1e-100 / x) * 1e100')}" in message
    assert x.grad == 0.0


def _line_of(text: str) -> int:
    with open(__file__) as source:
        return next(i for i, line in enumerate(source, 1) if text in line)


def test_no_anomaly_checks_outside_the_context() -> None:
    x = Value(1e200)
    assert (x * x).data == math.inf  # IEEE semantics, no exception
    nan = Value(math.inf) - Value(math.inf)
    assert math.isnan(nan.data)


def test_detect_anomaly_as_a_decorator_and_no_grad_inside_it() -> None:
    @detect_anomaly()
    def f(v: Value) -> Value:
        with no_grad():
            return v * v

    with pytest.raises(FloatingPointError):
        f(Value(1e200))
    assert f(Value(2.0)).parents == ()


def test_enable_grad_records_inside_no_grad_and_nests() -> None:
    from autograd import enable_grad

    x = Value(2.0)
    with no_grad():
        with enable_grad():
            assert grad_enabled()
            y = x * x
            with no_grad():
                assert (x * x).parents == ()
        assert not grad_enabled()
    assert y.parents == (x, x)
    assert grad(y, [x]) == [4.0]
