"""Kill the running app (SIGKILL) while notes are being typed: every note that reached the
plan before the kill is there afterwards, and the vault always opens."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from vault_helpers import CHEAP_KEYS

from planner.core.plan import Plan
from planner.core.plans import PlanFolder

PASSPHRASE = "typing while killed"
KILLS = 20

TYPIST = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from planner.core import kdf
from planner.core.session import Session
from planner.core.vault import silence_sqlcipher_logging
from planner.ui.application import build_window, make_application
CHEAP_KEYS = kdf.KdfParameters(time_cost=1, memory_kib=8, parallelism=1)  # tests only
silence_sqlcipher_logging()
app = make_application()
session = Session(Path(sys.argv[1]), CHEAP_KEYS)
window, _exit, _idle = build_window(app, session, quit_app=lambda: None)
window.show()
window.welcome.open_button.click()
window.welcome.open_passphrase.setText(sys.argv[2])
window.welcome._open()
window.show_page("topics")
topics = window.topics
start = int(sys.argv[3])
for i in range(start, start + 100000):
    topic = topics.topics[i % len(topics.topics)]
    topics.show_topic(topic)
    topics.notes.editor.setPlainText(f"note {i} for {topic.id}")
    topics.flush()
    print(i, topic.id, flush=True)
"""


@pytest.mark.slow
def test_notes_typed_before_a_kill_survive(tmp_path: Path) -> None:
    data = tmp_path / "data"
    PlanFolder(data, CHEAP_KEYS).create(PASSPHRASE).close()
    rng = random.Random(4)
    latest: dict[str, int] = {}
    start = 0
    for _ in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", TYPIST, str(data), PASSPHRASE, str(start)],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                 env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        assert child.stdout is not None
        acknowledged = []
        for _line in range(rng.randint(1, 25)):
            line = child.stdout.readline()
            if not line:
                break
            if line.endswith("\n") and len(line.split()) == 2:
                acknowledged.append(line.split())
        time.sleep(rng.uniform(0, 0.01))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        # A line cut short by the kill is not an acknowledgement: only whole lines count.
        acknowledged += [line.split() for line in rest.splitlines(keepends=True)
                         if line.endswith("\n") and len(line.split()) == 2]
        for number, topic_id in acknowledged:
            latest[topic_id] = int(number)
        start += 1000
        plan = Plan(PlanFolder(data, CHEAP_KEYS).open(PASSPHRASE))
        notes = plan.notes()
        plan.vault.close()
        for topic_id, number in latest.items():
            saved = notes[topic_id]
            # The acknowledged note, or a later one typed before the kill landed.
            assert int(saved.split()[1]) >= number, (topic_id, saved, number)
    assert latest
