#!/bin/sh
# Install Planner for this user only (no administrator rights, nothing outside the home folder):
# copies this folder's program to ~/.local/opt/planner and adds "Planner" to the applications
# menu. Run it again from a newer download to update; the saved plan is never touched.
#
#   ./install.sh                          install or update
#   ./install.sh --uninstall              remove the program and its menu entry; keep the plan
#   ./install.sh --uninstall --erase-plan also delete the saved plan (cannot be undone)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/planner
entry=$data_home/applications/planner.desktop
metainfo=$data_home/metainfo/org.example.planner.metainfo.xml
icon=$data_home/icons/hicolor/512x512/apps/planner.png
plan_folder=$data_home/planner

# Menus notice new entries by themselves. An icon cache is refreshed only where one already
# exists (a stale cache would hide the icon); none is created, so uninstalling leaves nothing.
refresh_menus() {
    cache=$data_home/icons/hicolor/icon-theme.cache
    if [ -f "$cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$data_home/icons/hicolor" >/dev/null 2>&1 || true
    fi
}

install_program() {
    if [ ! -x "$here/planner" ] || [ ! -d "$here/_internal" ]; then
        echo "Run this script from inside the unpacked Planner folder." >&2
        exit 1
    fi
    if [ "$here" != "$target" ]; then
        # Only the program: never a `portable` marker or a `data` folder from a USB copy.
        rm -rf "$target.new"
        mkdir -p "$target.new"
        cp -R "$here/planner" "$here/_internal" "$here/install.sh" "$target.new/"
        rm -rf "$target"
        mv "$target.new" "$target"
    fi
    mkdir -p "$(dirname "$entry")" "$(dirname "$metainfo")" "$(dirname "$icon")"
    sed "s|^Exec=.*|Exec=\"$target/planner\"|" "$target/_internal/share/planner.desktop" >"$entry"
    cp "$target/_internal/share/org.example.planner.metainfo.xml" "$metainfo"
    cp "$target/_internal/share/planner.png" "$icon"
    refresh_menus
    echo "Planner is installed. Start it from the applications menu, or run $target/planner"
}

uninstall_program() {
    rm -rf "$target" "$entry" "$metainfo" "$icon"
    refresh_menus
    echo "Planner is removed."
    if [ "${1:-}" = "--erase-plan" ]; then
        if [ -d "$plan_folder" ]; then
            # Overwrite first where the tool exists; on SSDs old copies may still survive
            # (they are encrypted). The app's own Erase does the same from inside.
            command -v shred >/dev/null 2>&1 &&
                find "$plan_folder" -type f -exec shred -u {} + 2>/dev/null
            rm -rf "$plan_folder"
            echo "The saved plan is deleted."
        fi
    elif [ -d "$plan_folder" ]; then
        echo "The saved plan is kept in $plan_folder (use --erase-plan to delete it)."
    fi
}

case "${1:-}" in
    "") install_program ;;
    --uninstall) uninstall_program "${2:-}" ;;
    *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
