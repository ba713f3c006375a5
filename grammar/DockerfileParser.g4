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

dockerfile   : BOM? line* EOF ;

line         : directive
             | commentLine
             | blankLine
             | instruction
             ;

// Comment and directive tokens include their newline.
directive    : WS? DIRECTIVE ;
commentLine  : WS? COMMENT ;
blankLine    : WS? NEWLINE
             | WS                      // whitespace at the very end of the file
             ;

// EOL is absent only when the instruction ends the file.
instruction  : WS? instructionStart body? EOL? heredoc* unterminatedHeredoc? ;

instructionStart
             : KEYWORD
             | TEXT
             | continuation
             ;

body         : bodyPart+ ;

bodyPart     : TEXT
             | WS
             | CR
             | continuation
             ;

// A continuation marker and the lines BuildKit skips after it.
continuation : LINE_CONT (CONT_COMMENT | EMPTY_CONT)* ;

heredoc      : HEREDOC_LINE* HEREDOC_END ;

// The body of a heredoc whose terminator never came: reported as an error.
unterminatedHeredoc
             : HEREDOC_LINE+ ;
