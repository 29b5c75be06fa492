#!/usr/bin/env python3
"""Decodes QR code matrices with zxing-cpp, for the tests that check the wiki page's QR code.

Reads matrices on stdin, one row per line ('#' a dark module, '.' a light one), separated by
blank lines; draws each at 4 pixels a module inside a quiet zone of 4 light modules, decodes
it, and prints the text it holds, one line per matrix ('!none' when nothing decodes).

`decode.py --check` only imports the packages: exit status 0 when they are there.
Needs `pip install zxing-cpp pillow`.
"""
import sys

import zxingcpp
from PIL import Image

SCALE = 4
QUIET = 4


def image(rows):
    side = len(rows)
    width = side + 2 * QUIET
    img = Image.new("L", (width * SCALE, width * SCALE), 255)
    for y, row in enumerate(rows):
        for x, cell in enumerate(row):
            if cell == "#":
                left, top = (x + QUIET) * SCALE, (y + QUIET) * SCALE
                img.paste(0, (left, top, left + SCALE, top + SCALE))
    return img


def decode(rows):
    found = zxingcpp.read_barcodes(image(rows), formats=zxingcpp.BarcodeFormat.QRCode)
    return found[0].text if found else "!none"


def main():
    if sys.argv[1:] == ["--check"]:
        return 0
    blocks, rows = [], []
    for line in sys.stdin.read().splitlines():
        if line.strip():
            rows.append(line.strip())
        elif rows:
            blocks.append(rows)
            rows = []
    if rows:
        blocks.append(rows)
    for rows in blocks:
        print(decode(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
