"""Property tests run in the site: hypothesis (shipped, loaded when a cell imports it) and
``autograd.testing``'s strategies, offline, as lesson 04 and docs/checking.md use them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.pages import run_first_cell, start_here

pytestmark = pytest.mark.browser

#: docs/checking.md's property over the whole op table, then one that must fail,
#: so the run shows hypothesis both passing and shrinking a counterexample.
PROPERTY = """from hypothesis import given, settings, strategies as st
from autograd import Value, gradcheck
from autograd.testing import expressions

@settings(max_examples=30, deadline=None)
@given(expressions())
def test_engine(e):
    assert gradcheck(e.fn, e.inputs)

test_engine()

@settings(max_examples=50, deadline=None, database=None)
@given(st.floats(0.5, 10.0))
def wrong(x):
    assert (Value(x) ** 2).data < 9.0

try:
    wrong()
except AssertionError:
    print("hypothesis ran: the engine's property held; the wrong one failed as it should")"""


def test_hypothesis_property_tests_run_offline(
    site: Path,
    offline_chromium: Any,
) -> None:
    with start_here(site, offline_chromium) as (page, _):
        output = run_first_cell(page, PROPERTY).filter(has_text="hypothesis ran")
        output.wait_for(timeout=120_000)
        text = output.inner_text()
    assert "the wrong one failed as it should" in text
