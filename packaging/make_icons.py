"""Draw the app icon and write it in every format the platforms want.

The icon has to be calm and say nothing about what the app is for: a rounded square in a muted
blue-green with a white check mark, like any to-do app. The files are generated here once and
committed in `assets/`, so a build never needs Pillow (a `bundle`-group dependency, not an app
one). Run: `.venv/bin/python packaging/make_icons.py`.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ASSETS = Path(__file__).resolve().parents[1] / "assets"
MASTER = 1024  # drawn large, then scaled down, so edges are smooth at every size
BACKGROUND = (63, 122, 118, 255)  # muted teal: calm, and readable on light and dark panels
MARK = (255, 255, 255, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
ICNS_SIZES = [(16, 16), (32, 32), (64, 64), (128, 128), (256, 256), (512, 512), (1024, 1024)]


def draw_master() -> Image.Image:
    """The icon at MASTER pixels: a rounded square with a check mark, a small margin around."""
    image = Image.new("RGBA", (MASTER, MASTER), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    margin = MASTER * 0.08
    draw.rounded_rectangle(
        (margin, margin, MASTER - margin, MASTER - margin),
        radius=MASTER * 0.2,
        fill=BACKGROUND,
    )
    check = [(0.29, 0.52), (0.44, 0.67), (0.72, 0.37)]
    points = [(x * MASTER, y * MASTER) for x, y in check]
    width = int(MASTER * 0.085)
    draw.line(points, fill=MARK, width=width, joint="curve")
    for x, y in (points[0], points[-1]):  # round the two ends of the stroke
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=MARK)
    return image


def main() -> None:
    master = draw_master()
    ASSETS.mkdir(exist_ok=True)
    master.resize((512, 512), Image.Resampling.LANCZOS).save(ASSETS / "planner.png", optimize=True)
    master.save(ASSETS / "planner.ico", sizes=ICO_SIZES)
    master.save(ASSETS / "planner.icns", sizes=ICNS_SIZES)
    for name in ("planner.png", "planner.ico", "planner.icns"):
        print(ASSETS / name)


if __name__ == "__main__":
    main()
