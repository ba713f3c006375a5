# fish completion for restage (installed as share/fish/vendor_completions.d/restage.fish).
# Keep in step with `restage COMMAND --help`: tests/dist/check_completions.py
# compares every option listed there with the options below.

set -l commands batch migrate parse rule suggest verify version
set -l rules RS001 RS002 RS003 RS004 RS005 prefer-multi-stage-build trailing-comment runtime-cannot-start unused-ignore malformed-ignore
complete -c restage -f
complete -c restage -n "not __fish_seen_subcommand_from $commands" -a batch -d 'migrate every Dockerfile under folders'
complete -c restage -n "not __fish_seen_subcommand_from $commands" -a migrate -d 'rewrite a single-stage Dockerfile'
complete -c restage -n "not __fish_seen_subcommand_from $commands" -a parse -d 'parse Dockerfiles and print them'
complete -c restage -n "not __fish_seen_subcommand_from $commands" -a rule -d 'what a rule code means, with an example and its fix'
complete -c restage -n "not __fish_seen_subcommand_from $commands" -a suggest -d 'review suggestions for a rewrite'
complete -c restage -n "not __fish_seen_subcommand_from $commands" -a verify -d 'build and run the original and the rewrite, and compare'
complete -c restage -n "not __fish_seen_subcommand_from $commands" -a version -d 'print the version and the git commit'
complete -c restage -n "not __fish_seen_subcommand_from $commands" -l version -s V -d 'print the version'
complete -c restage -n "not __fish_seen_subcommand_from $commands" -l help -s h -d 'show the commands'

# migrate
complete -c restage -n '__fish_seen_subcommand_from migrate' -F
complete -c restage -n '__fish_seen_subcommand_from migrate' -s h -l help -d 'show this help'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l context -x -a '(__fish_complete_directories)' -d 'the build context'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l diff -d 'print a unified diff'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l write -d 'replace the file with the rewrite'
complete -c restage -n '__fish_seen_subcommand_from migrate' -s o -l output -r -F -d 'write the rewrite to OUT'
complete -c restage -n '__fish_seen_subcommand_from migrate' -s f -l format -x -a 'text json' -d 'output format'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l runtime-base -x -d 'image for the runtime stage'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l check -d 'write nothing; exit 1 when a rewrite would be produced'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l accept-unknown -d 'rewrite even when a build step has effects restage cannot see'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l unsafe-fixes -d 'first apply the fixes of the problems in the file as it is'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l lang -x -a 'node go cpp' -d 'language'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l config -r -F -d 'use FILE as .restage.yaml'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l no-config -d 'read no .restage.yaml'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l build-arg -x -d 'KEY=VALUE the image is built with'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l select -x -a "$rules" -d 'report only these rules'
complete -c restage -n '__fish_seen_subcommand_from migrate' -l ignore -x -a "$rules" -d 'do not report these rules'

# batch
complete -c restage -n '__fish_seen_subcommand_from batch' -a '(__fish_complete_directories)'
complete -c restage -n '__fish_seen_subcommand_from batch' -s h -l help -d 'show this help'
complete -c restage -n '__fish_seen_subcommand_from batch' -s w -l write -d 'replace each migrated file'
complete -c restage -n '__fish_seen_subcommand_from batch' -l backup -d 'keep each original as FILE.restage-bak'
complete -c restage -n '__fish_seen_subcommand_from batch' -l check -d 'exit 1 if any file would change'
complete -c restage -n '__fish_seen_subcommand_from batch' -s j -l jobs -x -d 'files migrated in parallel'
complete -c restage -n '__fish_seen_subcommand_from batch' -l shard -x -d 'take only shard K of N'
complete -c restage -n '__fish_seen_subcommand_from batch' -l report -r -F -d 'write the JSON report to FILE'
complete -c restage -n '__fish_seen_subcommand_from batch' -s f -l format -x -a 'text json sarif rdjson github' -d 'output format'
complete -c restage -n '__fish_seen_subcommand_from batch' -l context-map -r -F -d 'JSON file mapping Dockerfiles to contexts'
complete -c restage -n '__fish_seen_subcommand_from batch' -l no-git -d 'walk every folder, even what git ignores'
complete -c restage -n '__fish_seen_subcommand_from batch' -s q -l quiet -d 'print only what fails the run'
complete -c restage -n '__fish_seen_subcommand_from batch' -s v -l verbose -d 'list unchanged files too, and each rewrite explained'
complete -c restage -n '__fish_seen_subcommand_from batch' -l diff -d 'print every rewrite as one unified diff'
complete -c restage -n '__fish_seen_subcommand_from batch' -l verify -d 'verify each migrated file (=ENGINE)'
complete -c restage -n '__fish_seen_subcommand_from batch' -l config -r -F -d 'use FILE as .restage.yaml'
complete -c restage -n '__fish_seen_subcommand_from batch' -l no-config -d 'read no .restage.yaml'
complete -c restage -n '__fish_seen_subcommand_from batch' -l select -x -a "$rules" -d 'report only these rules'
complete -c restage -n '__fish_seen_subcommand_from batch' -l ignore -x -a "$rules" -d 'do not report these rules'
complete -c restage -n '__fish_seen_subcommand_from batch' -l fail-on -x -a "would-migrate refused finding $rules" -d 'what makes --check exit 1'

# suggest
complete -c restage -n '__fish_seen_subcommand_from suggest' -F
complete -c restage -n '__fish_seen_subcommand_from suggest' -s h -l help -d 'show this help'
complete -c restage -n '__fish_seen_subcommand_from suggest' -s f -l format -x -a 'rdjson sarif github github-review diff json' -d 'output format'
complete -c restage -n '__fish_seen_subcommand_from suggest' -l changed-from -x -d 'also every Dockerfile changed since REF'
complete -c restage -n '__fish_seen_subcommand_from suggest' -l runtime-base -x -d 'image for the runtime stage'
complete -c restage -n '__fish_seen_subcommand_from suggest' -l lang -x -a 'node go cpp' -d 'language'
complete -c restage -n '__fish_seen_subcommand_from suggest' -l commit-id -x -d 'pull request head commit'
complete -c restage -n '__fish_seen_subcommand_from suggest' -l verify -d 'verify each rewrite (=ENGINE)'
complete -c restage -n '__fish_seen_subcommand_from suggest' -l config -r -F -d 'use FILE as .restage.yaml'
complete -c restage -n '__fish_seen_subcommand_from suggest' -l no-config -d 'read no .restage.yaml'
complete -c restage -n '__fish_seen_subcommand_from suggest' -l no-git -d 'in a folder, take every Dockerfile, even what git ignores'
complete -c restage -n '__fish_seen_subcommand_from suggest' -s v -l verbose -d 'also print errors on stderr'
complete -c restage -n '__fish_seen_subcommand_from suggest' -l select -x -a "$rules" -d 'report only these rules'
complete -c restage -n '__fish_seen_subcommand_from suggest' -l ignore -x -a "$rules" -d 'do not report these rules'

# verify
complete -c restage -n '__fish_seen_subcommand_from verify' -F
complete -c restage -n '__fish_seen_subcommand_from verify' -s h -l help -d 'show this help'
complete -c restage -n '__fish_seen_subcommand_from verify' -l context -x -a '(__fish_complete_directories)' -d 'the build context'
complete -c restage -n '__fish_seen_subcommand_from verify' -l rewrite -r -F -d 'the rewrite to verify'
complete -c restage -n '__fish_seen_subcommand_from verify' -l engine -x -a 'auto docker podman buildah' -d 'container engine'
complete -c restage -n '__fish_seen_subcommand_from verify' -l probe -x -a 'auto none http:// exec:' -d 'what to probe'
complete -c restage -n '__fish_seen_subcommand_from verify' -l run-for -x -d 'seconds each container runs'
complete -c restage -n '__fish_seen_subcommand_from verify' -l start-timeout -x -d 'seconds to wait for a port'
complete -c restage -n '__fish_seen_subcommand_from verify' -l build-timeout -x -d 'seconds each build may take'
complete -c restage -n '__fish_seen_subcommand_from verify' -l build-arg -x -d 'KEY=VALUE for both builds'
complete -c restage -n '__fish_seen_subcommand_from verify' -l pull -x -a 'always missing never' -d 'pull policy'
complete -c restage -n '__fish_seen_subcommand_from verify' -l cache -d "use the engine's layer cache"
complete -c restage -n '__fish_seen_subcommand_from verify' -l normalize-timestamps -d 'replace dates and times before comparing'
complete -c restage -n '__fish_seen_subcommand_from verify' -s q -l quiet -d 'no progress on stderr'
complete -c restage -n '__fish_seen_subcommand_from verify' -s f -l format -x -a 'text json markdown' -d 'output format'

# rule
complete -c restage -n '__fish_seen_subcommand_from rule' -a "$rules"
complete -c restage -n '__fish_seen_subcommand_from rule' -s h -l help -d 'show this help'
complete -c restage -n '__fish_seen_subcommand_from rule' -s f -l format -x -a 'text markdown' -d 'output format'

# parse
complete -c restage -n '__fish_seen_subcommand_from parse' -F
complete -c restage -n '__fish_seen_subcommand_from parse' -s h -l help -d 'show this help'
complete -c restage -n '__fish_seen_subcommand_from parse' -s f -l format -x -a 'buildkit buildkit-json json source' -d 'output format'
