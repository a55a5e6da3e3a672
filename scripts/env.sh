# Sourced by the Makefile and scripts: where the locally built librdkafka and tools live.
LOANSTREAM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PKG_CONFIG_PATH="$LOANSTREAM_ROOT/.deps/rdkafka/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export LD_LIBRARY_PATH="$LOANSTREAM_ROOT/.deps/rdkafka/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PATH="$LOANSTREAM_ROOT/.deps/rdkafka/bin:$LOANSTREAM_ROOT/.deps/tansu:$LOANSTREAM_ROOT/.deps/venv/bin:$PATH"
if [ -f "$LOANSTREAM_ROOT/.data/stack.env" ]; then set -a; . "$LOANSTREAM_ROOT/.data/stack.env"; set +a; fi
