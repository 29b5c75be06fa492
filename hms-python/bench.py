"""How long one `hms_catalog.lookup` takes from Python, against a lookup in a pre-built
`{str: dict}` table, which is what integrations keep today.

    python hms-python/bench.py            # after installing the wheel

Prints nanoseconds per call, the best of several runs of timeit.
"""

import pathlib
import timeit

import hms_catalog
from hms_catalog import lookup

REPO = pathlib.Path(__file__).resolve().parents[1]
ATTR, CODE = 0x07002000, 0x00020003


def official_codes():
    rows = (REPO / "catalog" / "official.tsv").read_text().splitlines()
    return [row.split("\t")[1] for row in rows if row and not row.startswith("#")]


def spelled(code):
    """`0700200000020003` as `0700_2000_0002_0003`, `0300400C` as `0300_400C`."""
    return "_".join(code[i : i + 4] for i in range(0, len(code), 4))


def build_table(codes):
    """The kind of table an integration ships: code -> a dict of what it shows."""
    table = {}
    for code in codes:
        found = lookup(code)
        table[spelled(code)] = {"text": found.text, "level": int(found.level or 0), "wiki": found.wiki_url}
    return table


def integration_key(attr, code):
    """How an integration spells a `print.hms` entry to look it up in its table."""
    return f"{attr >> 16:04X}_{attr & 0xFFFF:04X}_{code >> 16:04X}_{code & 0xFFFF:04X}"


def per_call(statements, env, number=100_000, rounds=15):
    """ns per call of each statement: the best of `rounds` runs, the statements run in turn in
    every round so that a busy moment of the machine weighs on all of them alike."""
    best = {name: float("inf") for name in statements}
    timers = {name: timeit.Timer(stmt, globals=env) for name, stmt in statements.items()}
    for _ in range(rounds):
        for name, timer in timers.items():
            best[name] = min(best[name], timer.timeit(number) / number * 1e9)
    return best


def main():
    codes = official_codes()
    table = build_table(codes)
    keys = [spelled(c) for c in codes]
    key = "0700_2000_0002_0003"
    lookup(key)
    lookup((ATTR, CODE))
    env = dict(table=table, lookup=lookup, key=key, keys=keys, ATTR=ATTR, CODE=CODE, integration_key=integration_key)

    rows = list(
        per_call(
            {
                "dict: table[key]": "table[key]",
                "dict: table.get(key)": "table.get(key)",
                "hms_catalog.lookup(key)": "lookup(key)",
                "hms_catalog.lookup(key, lang='de')": "lookup(key, lang='de')",
                "dict: table.get(integration_key(attr, code))": "table.get(integration_key(ATTR, CODE))",
                "hms_catalog.lookup((attr, code))": "lookup((ATTR, CODE))",
                "lookup(key).text (one field read)": "lookup(key).text",
            },
            env,
        ).items()
    )
    # Every official code once per run, each call a different key.
    n = len(keys)
    loop_dict = min(timeit.repeat("for k in keys: table.get(k)", globals=env, number=20, repeat=5)) / 20 / n * 1e9
    loop_ours = min(timeit.repeat("for k in keys: lookup(k)", globals=env, number=20, repeat=5)) / 20 / n * 1e9
    rows.append((f"dict: table.get(k) over {n} codes", loop_dict))
    rows.append((f"hms_catalog.lookup(k) over {n} codes", loop_ours))
    # The first call for a code builds its result: spellings not seen before.
    fresh = [f"HMS_{k.replace('_', '-')}" for k in keys]
    first = timeit.timeit(lambda: [lookup(k) for k in fresh], number=1) / n * 1e9
    rows.append(("hms_catalog.lookup, first call for a code", first))

    print(f"hms_catalog {hms_catalog.__version__}: ns per call (best of runs)")
    width = max(len(name) for name, _ in rows)
    for name, ns in rows:
        print(f"  {name:<{width}}  {ns:7.1f}")
    print(f"lookup(key) / table.get(key) = {rows[2][1] / rows[1][1]:.2f}x")
    print(f"lookup(key) / table[key] = {rows[2][1] / rows[0][1]:.2f}x")


if __name__ == "__main__":
    main()
