// Dockerfile parser: the layout of a Dockerfile as a sequence of lines.
//
// An instruction is its keyword, the rest of its logical line (including the
// continuation markers, and the comment and empty lines BuildKit drops inside
// a continuation), the newline that ends it, and the bodies of the heredocs it
// opens. The meaning of the logical line (flags, exec or shell form, key=value
// pairs, words and variable references) is read by src/syntax from the joined
// text, following BuildKit's per-instruction rules; every value it produces is
// mapped back to a byte range of the input.
parser grammar DockerfileParser;

options { tokenVocab = DockerfileLexer; }

// Every decision is LL(1): the lexer gives each kind of line its own first
// token (leading blanks included). That is why src/syntax/DockerfileReader.cpp
// applies these rules to the token kinds directly (groupLines) instead of
// running the generated parser: the same grouping, with no parse tree. A
// change here must be made there too.
dockerfile   : BOM? ( directive | commentLine | blankLine | instruction )* EOF ;

directive    : DIRECTIVE ;               // includes its newline
commentLine  : COMMENT ;                 // includes its newline
blankLine    : NEWLINE
             | WS                        // blanks at the very end of the file
             ;

// The keyword (or whatever starts the line), the rest of the logical line
// with its continuation markers and the comment and empty lines BuildKit
// skips inside a continuation, the newline (absent only at the end of the
// file), then the heredoc bodies the line opened.
instruction  : ( KEYWORD | TEXT | LINE_CONT )
               ( TEXT | CR | LINE_CONT | CONT_COMMENT | EMPTY_CONT )*
               EOL?
               heredoc* ;

// A heredoc body and its terminator line; without a terminator it runs to
// the end of the file (an error the reader reports).
heredoc      : HEREDOC_LINE+ HEREDOC_END?
             | HEREDOC_END
             ;
