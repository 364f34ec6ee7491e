"""Turning a passphrase into a plan's 256-bit key with Argon2id.

SQLCipher's own default (PBKDF2) is cheap to run on a graphics card; Argon2id makes each guess
cost memory as well as time. Each attempt runs Argon2id once, with the salt and parameters
recorded in the plan folder (see `planner.core.plans`), and each plan's key is then derived
cheaply from that result and the 16 random bytes SQLCipher keeps at the start of the plan's own
file (`plan_key`). Plans made before many plans per folder were possible (a single `plan.db`)
used Argon2id with that file's own salt directly; they still open that way, and are moved to the
new scheme on their next open.

Measured on the 2-core development machine: about 0.33 s and 128 MiB per guess (see README).
The cost is always handed in by the caller (the app passes `REAL`); there is no switch, global
or environment variable that selects another, so a weakened key cannot reach a real person's
plan by mistake. Tests build their own cheap parameters and pass them the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

KEY_BYTES = 32
SALT_BYTES = 16


@dataclass(frozen=True)
class KdfParameters:
    """Argon2id cost settings; memory is in KiB as argon2 expects."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, object]) -> KdfParameters:
        """Parameters read from a file; anything malformed raises ValueError."""
        try:
            found = cls(*(int(values[name]) for name in ("time_cost", "memory_kib",  # type: ignore[call-overload]
                                                          "parallelism")))
        except (KeyError, TypeError) as error:
            raise ValueError("not key parameters") from error
        if min(found.time_cost, found.memory_kib, found.parallelism) < 1:
            raise ValueError("key parameters must be positive")
        return found

    def at_least(self, other: KdfParameters) -> bool:
        """True when these cost at least as much as `other` in every respect."""
        return (self.time_cost >= other.time_cost and self.memory_kib >= other.memory_kib
                and self.parallelism >= other.parallelism)


REAL = KdfParameters(time_cost=3, memory_kib=128 * 1024, parallelism=1)
"""What the app uses. Whoever builds a session hands its cost in (see `planner.ui.application`);
nothing here can switch to something cheaper, so no setting, environment variable or stray test
helper can weaken a real person's key."""

MINIMUM = KdfParameters(time_cost=3, memory_kib=64 * 1024, parallelism=1)


def derive_key(passphrase: bytearray, salt: bytes, params: KdfParameters) -> bytearray:
    """Derive a 256-bit key from `passphrase` (UTF-8 bytes) and `salt` with Argon2id.

    Returns a bytearray so the caller can zero it as soon as it has been used.
    """
    # Loaded here, not at start-up: the first screen needs the cost, not the algorithm.
    from argon2.low_level import Type, hash_secret_raw

    if len(salt) != SALT_BYTES:
        raise ValueError("salt must be 16 bytes")
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


PLAN_KEY_INFO = b"planner plan key v1"


def plan_key(master: bytearray, plan_salt: bytes) -> bytearray:
    """One plan's key from the attempt's Argon2id result and the plan's own salt (HKDF-SHA256,
    RFC 5869). Cheap on purpose: the memory-hard work is done once per attempt, not per plan,
    so trying a passphrase against fifty plans costs about what trying it against one does."""
    # Loaded here, not at start-up: OpenSSL's hashes take about 2 ms to load.
    import hashlib
    import hmac

    pseudo_random = bytearray(hmac.new(plan_salt, bytes(master), hashlib.sha256).digest())
    try:
        output = hmac.new(bytes(pseudo_random), PLAN_KEY_INFO + b"\x01", hashlib.sha256).digest()
    finally:
        pseudo_random[:] = bytes(len(pseudo_random))
    return bytearray(output[:KEY_BYTES])
