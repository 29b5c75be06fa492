"""Whatever it is given, the package answers or raises ValueError/TypeError: never another
exception, never a crash of the interpreter."""

import json
import random

from hms_catalog import decode, lookup

ALPHABET = "0123456789abcdefABCDEF_-HMShms x\t\n\u00e9\ud800\x00{}[]\":,"


def random_text(rng):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 40)))


def test_random_codes_answer_or_raise_value_error():
    rng = random.Random(14)
    for _ in range(5000):
        text = random_text(rng)
        try:
            found = lookup(text)
        except ValueError:
            continue
        assert found.code and found.to_dict()["code"] == found.code


def test_random_values_answer_or_raise_value_or_type_error():
    rng = random.Random(15)
    values = [None, 1.5, -1, 1 << 64, True, (), (1,), (1, 2), ("a", "b"), [1, 2], {"attr": 1, "code": 2}, {}, b"x"]
    for _ in range(2000):
        value = rng.choice(values + [rng.randrange(-(1 << 40), 1 << 40), (rng.getrandbits(33), rng.getrandbits(32))])
        try:
            lookup(value)
        except (ValueError, TypeError):
            pass


def test_random_reports_decode_or_raise_value_error():
    rng = random.Random(16)
    pieces = ['{"print": {"hms": [', '{"attr": 117448704, "code": 131075}', "]", ', "print_error": 50348044', "}}", ",", "1e400", "null", '"x"', "[", "{"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8)))
        try:
            found = decode(text)
        except ValueError:
            continue
        parsed = json.loads(text)
        assert isinstance(parsed, dict)
        assert [f.to_dict() for f in found] == [f.to_dict() for f in decode(parsed)]
