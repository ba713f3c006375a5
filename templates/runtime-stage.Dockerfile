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
WORKDIR {{workdir}}
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
# {{comment}}
{{/comment}}
COPY --from={{builder}}{{#chown}} --chown={{chown}}{{/chown}} {{from}} {{to}}
{{/copies}}
{{#user_comment}}
# {{.}}
{{/user_comment}}
{{#user}}
USER {{user}}
{{/user}}
{{#tail}}
{{&.}}
{{/tail}}
