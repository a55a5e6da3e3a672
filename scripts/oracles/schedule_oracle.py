#!/usr/bin/env python3
"""Independent schedule oracle for LoanStream's EMI schedules, built on numpy-financial.

Reads a JSON grid on stdin:
  {"cases": [{"id": "...", "principal_minor": 10000000, "minor_digits": 2,
              "annual_rate": "0.12", "periods_per_year": 12, "tenure": 12}]}
Prints JSON on stdout:
  {"cases": [{"id": "...", "emi_minor": 888488,
              "installments": [{"principal_minor": ..., "interest_minor": ...}, ...],
              "reference": [{"ipmt_minor": ..., "ppmt_minor": ...}, ...]}]}

The convention (the same one Sources/Lending/Schedule/ScheduleBuilder.swift implements):
  * periodic rate r = annual_rate / periods_per_year, as an exact decimal;
  * EMI = -numpy_financial.pmt(r, n, P), rounded ONCE to minor units, half-even;
  * each period: interest = round_half_even(opening balance x annual_rate / periods_per_year)
    in minor units, multiplied first and divided last so that exact half-unit ties stay ties,
    principal = EMI - interest;
  * the last installment repays the whole remaining balance (it absorbs the rounding).
"reference" is numpy-financial's own unrounded ipmt/ppmt per period, rounded to minor units
for display only: it shows how far the rounded schedule drifts from the exact annuity.
"""
import json
import sys
import warnings
from decimal import Decimal, ROUND_HALF_EVEN, getcontext

try:
    import numpy_financial as npf
except ImportError:  # the Swift test turns this into a failure with this message
    sys.stderr.write("numpy_financial is not installed: pip install -r scripts/requirements-test.txt\n")
    sys.exit(3)

getcontext().prec = 50
# pmt/ipmt evaluate both branches of their rate == 0 switch; the zero branch divides by zero
# harmlessly (the result is still P/n), so the warning is noise on stderr.
warnings.simplefilter("ignore", RuntimeWarning)


def round_minor(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def schedule(case):
    digits = int(case["minor_digits"])
    scale = Decimal(10) ** digits
    principal_minor = int(case["principal_minor"])
    n = int(case["tenure"])
    annual = Decimal(case["annual_rate"])
    ppy = Decimal(int(case["periods_per_year"]))
    r = annual / ppy
    principal_major = Decimal(principal_minor) / scale
    # pmt works in binary floating point; repr() gives the shortest decimal that round-trips,
    # and rounding that to minor units is what "EMI rounded to minor units" means.
    emi_float = -npf.pmt(float(r), n, float(principal_major))
    emi_minor = round_minor(Decimal(repr(float(emi_float))) * scale)
    balance = principal_minor
    rows, reference = [], []
    for period in range(1, n + 1):
        interest = round_minor(Decimal(balance) * annual / ppy)
        principal = max(emi_minor - interest, 0)
        if period == n or principal >= balance:
            principal = balance
        balance -= principal
        rows.append({"principal_minor": principal, "interest_minor": interest})
        ipmt = -float(npf.ipmt(float(r), period, n, float(principal_major)))
        ppmt = -float(npf.ppmt(float(r), period, n, float(principal_major)))
        reference.append({"ipmt_minor": round_minor(Decimal(repr(ipmt)) * scale),
                          "ppmt_minor": round_minor(Decimal(repr(ppmt)) * scale)})
        if balance == 0:
            break
    return {"id": case["id"], "emi_minor": emi_minor, "installments": rows, "reference": reference}


def main():
    grid = json.load(sys.stdin)
    json.dump({"cases": [schedule(c) for c in grid["cases"]]}, sys.stdout)


if __name__ == "__main__":
    main()
