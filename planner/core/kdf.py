"""Turning a passphrase into the vault's 256-bit key with Argon2id.

SQLCipher's own default (PBKDF2) is cheap to run on a graphics card; Argon2id makes each guess
cost memory as well as time. The salt is the 16 random bytes SQLCipher keeps at the start of the
vault file, so the vault stays one single file.

Measured on the 2-core development machine: about 0.33 s and 128 MiB per guess (see README).
Tests may switch to a cheap profile, but only inside pytest: the switch refuses otherwise, so a
weakened key can never reach a real user's vault by mistake.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

KEY_BYTES = 32
SALT_BYTES = 16


@dataclass(frozen=True)
class KdfParameters:
    """Argon2id cost settings; memory is in KiB as argon2 expects."""

    time_cost: int
    memory_kib: int
    parallelism: int


REAL = KdfParameters(time_cost=3, memory_kib=128 * 1024, parallelism=1)
MINIMUM = KdfParameters(time_cost=3, memory_kib=64 * 1024, parallelism=1)
_TEST_ONLY = KdfParameters(time_cost=1, memory_kib=8, parallelism=1)

_active = REAL


class TestProfileRefused(RuntimeError):
    """Raised when something outside the test suite asks for the cheap test profile."""


def use_test_profile() -> None:
    """Switch to cheap parameters; only allowed while pytest runs (it sets PYTEST_CURRENT_TEST)."""
    global _active
    if "PYTEST_CURRENT_TEST" not in os.environ:
        raise TestProfileRefused("the cheap key profile exists only for the test suite")
    _active = _TEST_ONLY


def use_real_profile() -> None:
    """Switch back to the real parameters."""
    global _active
    _active = REAL


def active_parameters() -> KdfParameters:
    """The parameters new and opened vaults use now."""
    return _active


def derive_key(passphrase: bytearray, salt: bytes) -> bytearray:
    """Derive the raw key for `passphrase` (UTF-8 bytes) and the vault's salt.

    Returns a bytearray so the caller can zero it as soon as it has been handed to SQLCipher.
    """
    if len(salt) != SALT_BYTES:
        raise ValueError("salt must be 16 bytes")
    params = _active
    raw = hash_secret_raw(
        bytes(passphrase),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
    return bytearray(raw)
