"""Propriety: a council's member/officer protocols, made to run.

Each clause of a protocol becomes a rule that cites it, each procedure a case with a
deadline in working days, and every act an entry in a tamper-evident log.
"""

__version__ = "0.1.0"
