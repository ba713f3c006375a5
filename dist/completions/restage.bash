# bash completion for restage (installed as share/bash-completion/completions/restage).
# Keep in step with `restage COMMAND --help`: tests/dist/check_completions.py
# compares every option listed there with the options below.

_restage_files() {
  # Dockerfiles and folders first, but any file may be named.
  mapfile -t COMPREPLY < <(compgen -f -- "$1")
  compopt -o filenames 2>/dev/null
}

_restage_dirs() {
  mapfile -t COMPREPLY < <(compgen -d -- "$1")
  compopt -o filenames 2>/dev/null
}

_restage() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=${COMP_WORDS[COMP_CWORD-1]}
  local commands="batch migrate parse rule suggest verify version"
  local rules="RS001 RS002 RS003 RS004 RS005 prefer-multi-stage-build trailing-comment runtime-cannot-start unused-ignore malformed-ignore"
  COMPREPLY=()

  if [[ $COMP_CWORD -eq 1 ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands --help --version" -- "$cur")
    return
  fi

  local command=${COMP_WORDS[1]} options=""
  case $command in
    migrate)
      case $prev in
        --context) _restage_dirs "$cur"; return ;;
        -o|--output|--config) _restage_files "$cur"; return ;;
        -f|--format) mapfile -t COMPREPLY < <(compgen -W "text json" -- "$cur"); return ;;
        --lang) mapfile -t COMPREPLY < <(compgen -W "node go cpp" -- "$cur"); return ;;
        --select|--ignore) mapfile -t COMPREPLY < <(compgen -W "$rules" -- "$cur"); return ;;
        --runtime-base|--build-arg) return ;;
      esac
      options="--help --context --diff --check --write --output --format --runtime-base --accept-unknown --unsafe-fixes --lang --build-arg"
      options+=" --config --no-config --select --ignore"
      ;;
    batch)
      case $prev in
        --report|--context-map|--config) _restage_files "$cur"; return ;;
        -f|--format) mapfile -t COMPREPLY < <(compgen -W "text json sarif rdjson github" -- "$cur"); return ;;
        --select|--ignore) mapfile -t COMPREPLY < <(compgen -W "$rules" -- "$cur"); return ;;
        --fail-on) mapfile -t COMPREPLY < <(compgen -W "would-migrate refused finding $rules" -- "$cur"); return ;;
        -j|--jobs|--shard) return ;;
      esac
      options="--help --write --backup --check --jobs --shard --report --format --context-map"
      options+=" --no-git --quiet --verbose --verify --config --no-config --select --ignore --fail-on"
      options+=" --diff"
      if [[ $cur != -* ]]; then _restage_dirs "$cur"; return; fi
      ;;
    suggest)
      case $prev in
        -f|--format)
          mapfile -t COMPREPLY < <(compgen -W "rdjson sarif github github-review diff json" -- "$cur")
          return ;;
        --lang) mapfile -t COMPREPLY < <(compgen -W "node go cpp" -- "$cur"); return ;;
        --config) _restage_files "$cur"; return ;;
        --select|--ignore) mapfile -t COMPREPLY < <(compgen -W "$rules" -- "$cur"); return ;;
        --changed-from|--runtime-base|--commit-id) return ;;
      esac
      options="--help --format --changed-from --runtime-base --lang --commit-id --verify --no-git --verbose"
      options+=" --config --no-config --select --ignore"
      ;;
    verify)
      case $prev in
        --context) _restage_dirs "$cur"; return ;;
        --rewrite) _restage_files "$cur"; return ;;
        --engine) mapfile -t COMPREPLY < <(compgen -W "auto docker podman buildah" -- "$cur"); return ;;
        -f|--format) mapfile -t COMPREPLY < <(compgen -W "text json markdown" -- "$cur"); return ;;
        --pull) mapfile -t COMPREPLY < <(compgen -W "always missing never" -- "$cur"); return ;;
        --probe) mapfile -t COMPREPLY < <(compgen -W "auto none http:// exec:" -- "$cur"); return ;;
        --run-for|--start-timeout|--build-timeout|--build-arg) return ;;
      esac
      options="--help --context --rewrite --engine --probe --run-for --start-timeout --build-timeout"
      options+=" --build-arg --pull --cache --normalize-timestamps --quiet --format"
      ;;
    rule)
      case $prev in
        -f|--format) mapfile -t COMPREPLY < <(compgen -W "text markdown" -- "$cur"); return ;;
      esac
      options="--help --format"
      if [[ $cur != -* ]]; then mapfile -t COMPREPLY < <(compgen -W "$rules" -- "$cur"); return; fi
      ;;
    parse)
      case $prev in
        -f|--format)
          mapfile -t COMPREPLY < <(compgen -W "buildkit buildkit-json json source" -- "$cur")
          return ;;
      esac
      options="--help --format"
      ;;
    *) return ;;
  esac

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
  else
    _restage_files "$cur"
  fi
}

complete -F _restage restage
