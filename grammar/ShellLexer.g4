// Lexer for the POSIX-shell subset found in Dockerfile RUN/CMD/ENTRYPOINT.
//
// The input is a byte stream (one byte = one code point), so every index is a
// byte offset. Every byte is matched by some rule in every mode: the lexer never
// reports a recognition error, it produces tokens the parser may reject instead.
//
// Words are not single tokens: a word is a run of adjacent "word part" tokens
// (literal text, quotes, expansions). BLANK separates words; the C++ token
// source (src/shell/ShellTokenSource) hides every BLANK that is not between two
// word parts, so the parser only sees BLANK where it separates words.
//
// Modes: `"` pushes DQ, `${` pushes PARAM, `$((` pushes ARITH, and `(`, `$(`,
// `<(`, `>(` push DEFAULT_MODE so that the matching `)` returns to whatever
// mode (double quotes, parameter expansion...) the substitution started in.
lexer grammar ShellLexer;

@lexer::members {
  /// True when the current token starts a word: at input start or after a
  /// byte that ends the previous token (blank, newline, operator).
  bool atWordStart() {
    if (tokenStartCharIndex == 0) return true;
    const std::string prev =
        _input->getText(antlr4::misc::Interval(tokenStartCharIndex - 1, tokenStartCharIndex - 1));
    if (prev.empty()) return true;
    switch (prev[0]) {
      case ' ': case '\t': case '\r': case '\n':
      case ';': case '&': case '|': case '(': case ')': case '<': case '>':
        return true;
      default:
        return false;
    }
  }

  /// `)` also closes case patterns, which never pushed a mode.
  void popModeIfNested() {
    if (!modeStack.empty()) popMode();
  }
}

// ---------------------------------------------------------------- separators

NEWLINE    : '\r'? '\n' ;
// A run of blanks, possibly with line continuations; needs one real blank.
BLANK      : ( [ \t\r] | '\\' '\r'? '\n' )* [ \t\r] ( [ \t\r] | '\\' '\r'? '\n' )* ;
// A continuation not touching a blank joins the two halves of one word.
LINE_CONT  : '\\' '\r'? '\n' -> channel(HIDDEN) ;
COMMENT    : '#' { atWordStart() }? ~[\r\n]* -> channel(HIDDEN) ;

// ----------------------------------------------------------------- operators

AND_IF     : '&&' ;
OR_IF      : '||' ;
DSEMI      : ';;' ;
SEMI       : ';' ;
PIPE       : '|' | '|&' ;
AMP        : '&' ;
// Every redirection operator, with its optional file-descriptor prefix.
// `<<WORD` heredocs are redirections whose target is the delimiter.
REDIR      : [0-9]* ( '>' | '>>' | '<' | '<>' | '>|' | '>&' | '<&' | '<<' | '<<-' | '<<<' )
           | '&>' | '&>>'
           ;
PROC_SUBST : [<>] '(' -> pushMode(DEFAULT_MODE) ;
LPAREN     : '(' -> pushMode(DEFAULT_MODE) ;
RPAREN     : ')' { popModeIfNested(); } ;

// ---------------------------------------------------- reserved words
// Only recognised as whole words: `iffy` or `{a,b}` are longer LITERALs.
// In argument position the parser accepts them as ordinary word parts.

IF         : 'if' ;
THEN       : 'then' ;
ELSE       : 'else' ;
ELIF       : 'elif' ;
FI         : 'fi' ;
DO         : 'do' ;
DONE       : 'done' ;
WHILE      : 'while' ;
UNTIL      : 'until' ;
FOR        : 'for' ;
IN         : 'in' ;
CASE       : 'case' ;
ESAC       : 'esac' ;
LBRACE     : '{' ;
RBRACE     : '}' ;
BANG       : '!' ;

// ---------------------------------------------------------------- word parts

DQ_START        : '"' -> pushMode(DQ) ;
SQ              : '\'' ~'\''* '\'' ;
SQ_OPEN         : '\'' ~'\''* ;   // unterminated: the parser reports it
DOLLAR_SQ       : '$\'' ( ~['\\] | '\\' . )* '\'' ;
BACKTICK        : '`' BQ_BODY '`' ;
BACKTICK_OPEN   : '`' BQ_BODY ;   // unterminated
DOLLAR_DLPAREN  : '$((' -> pushMode(ARITH) ;
DOLLAR_LPAREN   : '$(' -> pushMode(DEFAULT_MODE) ;
DOLLAR_LBRACE   : '${' -> pushMode(PARAM) ;
VAR             : '$' ( NAME | [0-9] | [@*#?$!-] ) ;
ESCAPED         : '\\' ~[\n] ;
// `NAME=value` (same length as the LITERAL it shadows, and listed first).
ASSIGN          : NAME '+'? '=' LITCHAR* ;
LITERAL         : LITCHAR+ | '$' | '\\' ;

fragment NAME    : [a-zA-Z_] [a-zA-Z_0-9]* ;
fragment LITCHAR : ~[ \t\r\n;&|()<>'"`\\$] ;
fragment BQ_BODY : ( ~[`\\] | '\\' . )* ;

// ------------------------------------------------------------- "double quotes"
mode DQ;

DQ_END             : '"' -> popMode ;
DQ_DOLLAR_DLPAREN  : '$((' -> type(DOLLAR_DLPAREN), pushMode(ARITH) ;
DQ_DOLLAR_LPAREN   : '$(' -> type(DOLLAR_LPAREN), pushMode(DEFAULT_MODE) ;
DQ_DOLLAR_LBRACE   : '${' -> type(DOLLAR_LBRACE), pushMode(PARAM) ;
DQ_VAR             : '$' ( NAME | [0-9] | [@*#?$!-] ) -> type(VAR) ;
DQ_BACKTICK        : '`' BQ_BODY '`' -> type(BACKTICK) ;
DQ_BACKTICK_OPEN   : '`' BQ_BODY -> type(BACKTICK_OPEN) ;
DQ_TEXT            : ( ~["\\$`] | '\\' . )+ | '$' | '\\' ;

// ------------------------------------------------ ${parameter expansion}: name
mode PARAM;

PARAM_END          : '}' -> popMode ;
PARAM_NAME         : [#!]? ( NAME | [0-9]+ | [@*#?$!-] ) -> mode(PARAM_REST) ;
PARAM_OTHER        : . -> type(PARAM_TEXT), mode(PARAM_REST) ;

// ------------------------------------- ${parameter expansion}: operator, words
mode PARAM_REST;

PR_END             : '}' -> type(PARAM_END), popMode ;
PR_DOLLAR_DLPAREN  : '$((' -> type(DOLLAR_DLPAREN), pushMode(ARITH) ;
PR_DOLLAR_LPAREN   : '$(' -> type(DOLLAR_LPAREN), pushMode(DEFAULT_MODE) ;
PR_DOLLAR_LBRACE   : '${' -> type(DOLLAR_LBRACE), pushMode(PARAM) ;
PR_VAR             : '$' ( NAME | [0-9] | [@*#?$!-] ) -> type(VAR) ;
PR_BACKTICK        : '`' BQ_BODY '`' -> type(BACKTICK) ;
PR_BACKTICK_OPEN   : '`' BQ_BODY -> type(BACKTICK_OPEN) ;
PR_DQ              : '"' -> type(DQ_START), pushMode(DQ) ;
// A quote may be literal when the expansion itself is double-quoted, so a
// single-quoted part never extends past the closing brace.
PR_SQ              : '\'' ~['}]* '\'' -> type(SQ) ;
PARAM_TEXT         : ( ~[}$"'`\\] | '\\' . )+ | '$' | '\\' | '\'' ;

// ---------------------------------------------------- $(( arithmetic ))
mode ARITH;

ARITH_END          : '))' -> popMode ;
A_LPAREN           : '(' -> type(ARITH_TEXT), pushMode(ARITH_GROUP) ;
A_DOLLAR_DLPAREN   : '$((' -> type(DOLLAR_DLPAREN), pushMode(ARITH) ;
A_DOLLAR_LPAREN    : '$(' -> type(DOLLAR_LPAREN), pushMode(DEFAULT_MODE) ;
A_DOLLAR_LBRACE    : '${' -> type(DOLLAR_LBRACE), pushMode(PARAM) ;
A_VAR              : '$' ( NAME | [0-9] | [@*#?$!-] ) -> type(VAR) ;
A_BACKTICK         : '`' BQ_BODY '`' -> type(BACKTICK) ;
A_BACKTICK_OPEN    : '`' BQ_BODY -> type(BACKTICK_OPEN) ;
ARITH_TEXT         : ~[()$`]+ | '$' | ')' ;

// Parentheses nested inside arithmetic: `)` closes the group, not the `$((`.
mode ARITH_GROUP;

AG_RPAREN          : ')' -> type(ARITH_TEXT), popMode ;
AG_LPAREN          : '(' -> type(ARITH_TEXT), pushMode(ARITH_GROUP) ;
AG_DOLLAR_DLPAREN  : '$((' -> type(DOLLAR_DLPAREN), pushMode(ARITH) ;
AG_DOLLAR_LPAREN   : '$(' -> type(DOLLAR_LPAREN), pushMode(DEFAULT_MODE) ;
AG_DOLLAR_LBRACE   : '${' -> type(DOLLAR_LBRACE), pushMode(PARAM) ;
AG_VAR             : '$' ( NAME | [0-9] | [@*#?$!-] ) -> type(VAR) ;
AG_BACKTICK        : '`' BQ_BODY '`' -> type(BACKTICK) ;
AG_BACKTICK_OPEN   : '`' BQ_BODY -> type(BACKTICK_OPEN) ;
AG_TEXT            : ( ~[()$`]+ | '$' ) -> type(ARITH_TEXT) ;
