"""Prints the portfolio dashboard (GET /v1/dashboards/portfolio) read from stdin as a table."""
import json
import sys


def rows_of(body):
    if isinstance(body, list):
        return body
    for key in ("items", "products", "rows", "data"):
        if isinstance(body.get(key), list):
            return body[key]
    return [body]


def amount(money):
    return f"{money['amount']} {money['currency']}" if isinstance(money, dict) and "amount" in money else "-"


def main():
    text = sys.stdin.read()
    try:
        body = json.loads(text)
    except json.JSONDecodeError:
        print(text)
        return 1
    rows = rows_of(body)
    if not rows:
        print("  (no portfolio rows for that date)")
    for row in rows:
        statuses = row.get("loans_by_status", {})
        print(f"  {row.get('product_code', '?'):<12} {row.get('currency', '')}  (figures of {row.get('figures_date', row.get('business_date', '?'))})")
        print("    loans:        " + ", ".join(f"{name} {count}" for name, count in statuses.items() if count))
        print(f"    outstanding:  {amount(row.get('outstanding', {}).get('total'))}"
              f"   (principal {amount(row.get('outstanding', {}).get('principal'))})")
        print(f"    today:        disbursed {amount(row.get('disbursed'))}, collected {amount(row.get('collected'))},"
              f" due {amount(row.get('due'))}, collection efficiency {row.get('collection_efficiency', '-')}")
        buckets = row.get("buckets", [])
        print("    buckets:      " + ", ".join(f"{b['bucket']}: {b['count']} ({amount(b.get('principal'))})" for b in buckets))
        print(f"    PAR30/60/90:  {row.get('par30', '-')} / {row.get('par60', '-')} / {row.get('par90', '-')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
