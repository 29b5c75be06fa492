"""The README's "From Python" example runs as written."""

import contextlib
import io

from conftest import REPO


def test_the_readme_example_decodes_a_report():
    readme = (REPO / "README.md").read_text()
    section = readme.split("## From Python", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert len(example.strip().splitlines()) <= 5
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(example, "README.md", "exec"), {})
    printed = out.getvalue()
    assert "0701_2200_0002_0003" in printed and "0300-400C" in printed
    assert "AMS B slot 3" in printed
