#!/usr/bin/env bash
# Checks the bash completion of skyweave-cli against the CLI's own help: the words offered after
# "skyweave-cli " must be exactly the commands of `skyweave-cli --help` (plus --help, --version),
# and those after "skyweave-cli COMMAND -" exactly the options of `skyweave-cli COMMAND --help`.
#   check-bash-completion.sh path/to/completion path/to/skyweave-cli
set -euo pipefail
completion=$1
cli=$2
[[ -f $completion ]] || { echo "no completion at $completion (build the skyweave_packaging_files target)"; exit 1; }

# shellcheck source=/dev/null
source "$completion"
complete -p skyweave-cli >/dev/null || { echo "$completion does not register a completion for skyweave-cli"; exit 1; }

# Prints, sorted, what the completion offers for the given words (the last one is being typed).
offered() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _skyweave_cli
    if ((${#COMPREPLY[@]})); then printf '%s\n' "${COMPREPLY[@]}" | sort; fi
}

# Option names of one help text: "-x" and "--long" from the rows that start with "  -".
options_in_help() {
    sed -nE 's/^  (-[^ ]+( [^ ]+)*).*/\1/p' | grep -oE -- '(^|[ ,])-[-A-Za-z0-9]+' | tr -d ' ,' | sort -u
}

status=0
compare() {  # compare WHAT EXPECTED ACTUAL
    if [[ $2 != "$3" ]]; then
        echo "$1 differ between --help (<) and the completion (>):"
        diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") || true
        status=1
    fi
}

commands=$("$cli" --help | awk '/^Commands:/ { listing = 1; next } listing && !/^  [a-z]/ { exit } listing { print $1 }')
expected=$(printf '%s\n' $commands --help --version | sort)
compare "commands" "$expected" "$(offered skyweave-cli '')"

for command in $commands; do
    compare "options of '$command'" "$("$cli" "$command" --help | options_in_help)" "$(offered skyweave-cli "$command" -)"
done

n=$(wc -w <<<"$commands")
((status == 0)) && echo "completion matches --help: $n commands and their options"
exit $status
