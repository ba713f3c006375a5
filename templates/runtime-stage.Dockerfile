{{#header}}
# {{.}}
{{/header}}
FROM {{base}}
{{#args}}
{{.}}
{{/args}}
{{#carried}}
{{&.}}
{{/carried}}
{{#env}}
ENV {{.}}
{{/env}}
{{#workdir_first}}
WORKDIR {{workdir_first}}
{{/workdir_first}}
{{#early}}
COPY --from={{builder}}{{#chown}} --chown={{chown}}{{/chown}} {{from}} {{to}}
{{/early}}
{{#run}}
{{&.}}
{{/run}}
{{#replay}}
{{&.}}
{{/replay}}
{{#copies}}
{{#comment}}
# {{.}}
{{/comment}}
COPY --from={{builder}}{{#chown}} --chown={{chown}}{{/chown}} {{from}} {{to}}
{{/copies}}
{{#workdir}}
WORKDIR {{workdir}}
{{/workdir}}
{{#volumes}}
{{.}}
{{/volumes}}
{{#user_comment}}
# {{.}}
{{/user_comment}}
{{#user}}
USER {{user}}
{{/user}}
{{#tail}}
{{&.}}
{{/tail}}
