{{#header}}
# {{.}}
{{/header}}
FROM {{base}}
{{#args}}
{{.}}
{{/args}}
{{#carried}}
{{.}}
{{/carried}}
{{#env}}
ENV {{.}}
{{/env}}
WORKDIR {{workdir}}
{{#run}}
RUN {{.}}
{{/run}}
{{#replay}}
{{.}}
{{/replay}}
{{#copies}}
COPY --from={{builder}}{{#chown}} --chown={{chown}}{{/chown}} {{from}} {{to}}
{{/copies}}
{{#user}}
USER {{user}}
{{/user}}
{{#tail}}
{{.}}
{{/tail}}
