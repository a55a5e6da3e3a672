# Shortcuts for the scripts the README documents.
.PHONY: demo test up down status
demo:   ; scripts/demo
test:   ; scripts/test
up:     ; scripts/stack up
down:   ; scripts/stack down
status: ; scripts/stack status
