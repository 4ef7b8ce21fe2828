#!/usr/bin/env python3
"""Rebuild assets/fonts/NotoSansCJK-presets.otf: Noto Sans CJK SC cut down to the Chinese, Japanese
and Korean characters the shipped presets use, so their text renders on machines without a CJK font.

Needs fontTools (pip install fonttools) and Noto Sans CJK (Debian: fonts-noto-cjk). Run it again
after adding a preset with new characters; a test fails until you do.
"""
import glob, os, sys
from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC = 2  # Noto Sans CJK SC in the collection; every member also carries Hangul.

def is_cjk(c):
    o = ord(c)
    return 0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F \
        or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF

def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    text = "".join(open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(root, "presets", "*.ron"))))
    chars = sorted({c for c in text if is_cjk(c)})
    out = os.path.join(root, "assets", "fonts", "NotoSansCJK-presets.otf")
    font = TTCollection(SOURCE).fonts[SC]
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(chars))
    subsetter.subset(font)
    font.save(out)
    print(f"{out}: {len(chars)} characters: {''.join(chars)}")

if __name__ == "__main__":
    sys.exit(main())
