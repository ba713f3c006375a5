// Dockerfile lexer: the physical layout of a Dockerfile exactly as BuildKit
// (moby/buildkit frontend/dockerfile/parser) reads it.
//
// Input is one code point per byte (see src/syntax/ByteCharStream.h), so token
// offsets are byte offsets and invalid UTF-8 cannot make the lexer fail.
// Every byte of the input belongs to exactly one token: concatenating the
// token texts gives the input back.
//
// Modes follow the reading state of BuildKit's line scanner:
//   DEFAULT_MODE  at the start of a line, between instructions: blank lines,
//                 comments, parser directives, the keyword that starts an
//                 instruction;
//   INSTR         inside an instruction line;
//   CONT          at the start of a line that continues an instruction
//                 (comment lines and empty lines there are dropped by BuildKit);
//   HEREDOC       the bodies of the heredocs opened by the instruction just read.
//
// The escape character is dynamic (`# escape=` directive) and heredocs need the
// logical line that opened them, so the lexer keeps that state in a
// restage::syntax::LexerState member; the predicates and actions below only
// call into it.
lexer grammar DockerfileLexer;

// Assigned by actions or `type()` only: a comment that is a parser directive,
// the newline that ends an instruction, and the line that closes a heredoc.
tokens { DIRECTIVE, EOL, HEREDOC_END }

@lexer::header {
#include "syntax/LexerState.h"
}

@lexer::members {
public:
  restage::syntax::LexerState state;
private:
  bool atEof() { return _input->LA(1) == antlr4::Token::EOF; }
  void startInstruction() { state.startInstruction(); }
  void text() { state.appendLogical(tokenStartCharIndex, _input->index()); }
  void endInstruction() {
    if (state.endInstruction()) setMode(HEREDOC); else setMode(DEFAULT_MODE);
  }
public:
}

// ---------------------------------------------------------------- line start
BOM          : '\u00EF\u00BB\u00BF' {state.bomAt(tokenStartCharIndex)}? ;
NEWLINE      : '\r'* '\n' { state.blankLine(); } ;
WS           : [ \t\r\u000B\u000C]+ ;
COMMENT      : '#' ~[\n]* '\n'? {
                 if (state.isDirective(tokenStartCharIndex, _input->index())) setType(DIRECTIVE);
               } ;
// (A byte-order mark at the start of the file is not part of the keyword.)
KEYWORD      : ~[ \t\r\n\u000B\u000C#\\`]+ {!state.bomAt(tokenStartCharIndex)}?
               { startInstruction(); text(); } -> mode(INSTR) ;
// An instruction line may also start with the escape character (BuildKit has
// no rule against it), and may be continued right away.
D_LINE_CONT  : ( '\\' {state.escape() == '\\'}? | '`' {state.escape() == '`'}? )
               [ \t]* '\r'* ( '\n' | {atEof()}? ) { startInstruction(); } -> type(LINE_CONT), mode(CONT) ;
D_ESC_TEXT   : [\\`] { startInstruction(); text(); } -> type(TEXT), mode(INSTR) ;

// ------------------------------------------------------- inside instructions
mode INSTR;
// BuildKit: an escape character at the end of a line continues it, unless the
// character before it is the escape character too.
LINE_CONT    : ( '\\' {state.escape() == '\\'}? | '`' {state.escape() == '`'}? )
               {!state.escapeAt(tokenStartCharIndex - 1)}?
               [ \t]* '\r'* ( '\n' | {atEof()}? ) -> mode(CONT) ;
END_OF_INSTR : '\r'* '\n' { endInstruction(); } -> type(EOL) ;
I_WS         : [ \t\u000B\u000C]+ { text(); } -> type(WS) ;
CR           : '\r'+ { text(); } ;
TEXT         : ~[ \t\r\n\u000B\u000C\\`]+ { text(); } ;
ESC_TEXT     : [\\`] { text(); } -> type(TEXT) ;

// ------------------------------------------- start of a continuation line
mode CONT;
CONT_COMMENT : [ \t\r\u000B\u000C]* '#' ~[\n]* '\n'? ;
EMPTY_CONT   : [ \t\r\u000B\u000C]* '\n' { state.emptyContinuationLine(); }
             | [ \t\r\u000B\u000C]+ {atEof()}? { state.emptyContinuationLine(); } ;
C_LINE_CONT  : ( '\\' {state.escape() == '\\'}? | '`' {state.escape() == '`'}? )
               [ \t]* '\r'* ( '\n' | {atEof()}? ) -> type(LINE_CONT) ;
C_WS         : [ \t\u000B\u000C]+ { text(); } -> type(WS), mode(INSTR) ;
C_CR         : '\r'+ { text(); } -> type(CR), mode(INSTR) ;
C_TEXT       : ~[ \t\r\n\u000B\u000C\\`#]~[ \t\r\n\u000B\u000C\\`]* { text(); } -> type(TEXT), mode(INSTR) ;
C_ESC_TEXT   : [\\`] { text(); } -> type(TEXT), mode(INSTR) ;

// ------------------------------------------------------------ heredoc bodies
mode HEREDOC;
HEREDOC_LINE : ( ~[\n]+ '\n'? | '\n' ) {
                 switch (state.heredocLine(tokenStartCharIndex, _input->index())) {
                   case restage::syntax::HeredocLineKind::Body: break;
                   case restage::syntax::HeredocLineKind::Terminator: setType(HEREDOC_END); break;
                   case restage::syntax::HeredocLineKind::LastTerminator: setType(HEREDOC_END); setMode(DEFAULT_MODE); break;
                 }
               } ;
