// Parser for the POSIX-shell subset found in Dockerfile RUN/CMD/ENTRYPOINT.
//
// Built to be decided by SLL prediction: separators are required between
// and-or lists, a word can only follow a BLANK, and reserved words cannot
// start a simple command. BLANK reaches the parser only between two word
// parts (see ShellLexer.g4), which is what makes `a "b"` two words and `a"b"`
// one.
parser grammar ShellParser;

options { tokenVocab = ShellLexer; }

script              : commandList ( unexpected commandList )* EOF ;

// Error production: a stray closing word at top level (`fi`, `)`, `;;`...)
// and the operators right after it are accepted here and reported by the C++
// view, so the rest of the script is still read. None of these tokens can
// start a command, so no prediction decision gets harder.
unexpected          : ( RPAREN | RBRACE | THEN | ELSE | ELIF | FI | DO | DONE | ESAC | DSEMI )
                      ( SEMI | AMP | AND_IF | OR_IF | PIPE )*
                    ;

// A possibly empty sequence of and-or lists, each but the last ended by a
// separator. `;`, `&` and newlines are kept for the connector structure.
commandList         : linebreak ( andOr ( separator andOr )* separator? )? ;
separator           : ( SEMI | AMP | NEWLINE ) linebreak ;
linebreak           : ( NEWLINE | BLANK )* ;

andOr               : pipeline ( andOrOperator linebreak pipeline )* ;
andOrOperator       : AND_IF | OR_IF ;
pipeline            : ( BANG BLANK? )? command ( PIPE linebreak command )* ;

command             : simpleCommand
                    | functionDefinition
                    | compoundCommand redirect*
                    ;

// Assignments are leading words whose first part is an ASSIGN token; the C++
// view separates them, since `make CC=gcc` uses the same token as an argument.
simpleCommand       : ( headWord | redirect ) ( BLANK word | redirect )* ;
redirect            : REDIR word ;

functionDefinition  : LITERAL LPAREN RPAREN linebreak compoundCommand redirect* ;

compoundCommand     : braceGroup
                    | subshell
                    | ifClause
                    | forClause
                    | whileClause
                    | caseClause
                    ;
braceGroup          : LBRACE commandList RBRACE ;
subshell            : LPAREN commandList RPAREN ;
ifClause            : IF commandList THEN commandList elifClause* ( ELSE commandList )? FI ;
elifClause          : ELIF commandList THEN commandList ;
whileClause         : ( WHILE | UNTIL ) commandList DO commandList DONE ;
forClause           : FOR BLANK word ( linebreak IN ( BLANK word )* )? ( separator | BLANK )?
                      DO commandList DONE ;
// Only the last item may omit `;;`. Written so that a case body is always
// followed by `;;` or `esac`: a body followed by the next pattern would let a
// pattern word follow every command list and blur SLL prediction elsewhere.
caseClause          : CASE BLANK word linebreak IN linebreak ( caseItem DSEMI linebreak )* caseItem? ESAC ;
caseItem            : LPAREN? headWord ( PIPE headWord )* RPAREN commandList ;

// ------------------------------------------------------------------- words

// A word in command position: reserved words are not commands.
headWord            : headPart wordPart* ;
word                : wordPart+ ;
wordPart            : headPart | reservedWord ;
headPart            : LITERAL
                    | ESCAPED
                    | ASSIGN
                    | SQ
                    | DOLLAR_SQ
                    | VAR
                    | BACKTICK
                    | doubleQuoted
                    | paramExpansion
                    | commandSubstitution
                    | arithmeticExpansion
                    | processSubstitution
                    ;
reservedWord        : IF | THEN | ELSE | ELIF | FI | DO | DONE | WHILE | UNTIL
                    | FOR | IN | CASE | ESAC | LBRACE | RBRACE | BANG
                    ;

doubleQuoted        : DQ_START dqPart* DQ_END ;
dqPart              : DQ_TEXT
                    | VAR
                    | BACKTICK
                    | paramExpansion
                    | commandSubstitution
                    | arithmeticExpansion
                    ;

paramExpansion      : DOLLAR_LBRACE PARAM_NAME? paramPart* PARAM_END ;
paramPart           : PARAM_TEXT
                    | SQ
                    | VAR
                    | BACKTICK
                    | doubleQuoted
                    | paramExpansion
                    | commandSubstitution
                    | arithmeticExpansion
                    ;

commandSubstitution : DOLLAR_LPAREN commandList RPAREN ;
processSubstitution : PROC_SUBST commandList RPAREN ;

arithmeticExpansion : DOLLAR_DLPAREN arithPart* ARITH_END ;
arithPart           : ARITH_TEXT
                    | VAR
                    | BACKTICK
                    | paramExpansion
                    | commandSubstitution
                    | arithmeticExpansion
                    ;
