"""`planner vault-check`: create (or open) the plan vault where the app would keep it, then
reopen it, without a window. Other plans in the folder are left alone.

For installers and the bundle smoke test: it proves that SQLCipher and Argon2 work inside a
bundle and that the data folder rules (portable marker, --data-dir) put the vault where they
should. The passphrase is read from standard input, never the command line (which other users
of the computer can see), and no existing plan is touched.
"""

from __future__ import annotations

import sys
from pathlib import Path

from planner.core import kdf, paths
from planner.core.errors import VaultError
from planner.core.plan import Plan

CHECK_NOTE = "vault-check"


def main(data_dir: Path | None) -> int:
    from planner.core.errors import WrongPassphrase
    from planner.core.plans import PlanFolder

    passphrase = sys.stdin.readline().rstrip("\n")
    folder = PlanFolder(paths.data_dir(data_dir), kdf.REAL)
    try:
        try:
            vault = folder.open(passphrase)
            print(f"opened {vault.path}")
            vault.close()
            return 0
        except WrongPassphrase:
            pass  # no plan of this passphrase here yet: make one, beside any others
        vault = folder.create(passphrase)
        Plan(vault).set_setting(CHECK_NOTE, "ok")
        vault.close()
        reopened = Plan(folder.open(passphrase))
        ok = reopened.setting(CHECK_NOTE) == "ok"
        reopened.vault.close()
    except VaultError as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"created and reopened {reopened.vault.path}" if ok
          else "reopened, but the check value is missing")
    return 0 if ok else 1
