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
//                 comments, parser directives, the start of an instruction;
//   INSTR         inside an instruction line;
//   CONT          at the start of a line that continues an instruction
//                 (comment lines and empty lines there are dropped by BuildKit);
//   HEREDOC       the bodies of the heredocs opened by the instruction just read.
// The escape character is `\` unless a `# escape=`` ` directive says
// otherwise; DEFAULT_MODE, INSTR and CONT have twin modes (suffix _BT) for the
// backtick. Twin modes rather than semantic predicates: ANTLR does not cache
// DFA edges that pass a predicate, and the continuation marker is common.
//
// What depends on more than the next characters (directives, whether an
// escape character really continues the line, heredoc terminators) is decided
// in actions by restage::syntax::LexerState (src/syntax/LexerState.h).
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
  bool backtick() const { return state.escape() == '`'; }
  void enterInstruction() { setMode(backtick() ? INSTR_BT : INSTR); }
  void enterContinuation() { setMode(backtick() ? CONT_BT : CONT); }
  void enterLineStart() { setMode(backtick() ? size_t{DEFAULT_BT} : DEFAULT_MODE); }
  size_t here() { return _input->index(); }
  bool atEof() { return _input->LA(1) == antlr4::Token::EOF; }

  // A comment at the start of a line: maybe a parser directive.
  // (Actions that choose the token type set it on every path: a `-> type()`
  // command would run after them and override it.)
  void comment() {
    if (state.isDirective(tokenStartCharIndex, here())) {
      setType(DIRECTIVE);
      enterLineStart();  // `# escape=` may have changed the escape character
    } else {
      setType(COMMENT);
    }
  }
  // Where the token's text starts after the leading blanks of its line.
  size_t afterBlanks() {
    size_t i = tokenStartCharIndex;
    while (state.isLineBlank(state.byteAt(i))) ++i;
    return i;
  }
  void keyword() {
    state.startInstruction(afterBlanks());
    enterInstruction();
  }
  // An escape character, then blanks, carriage returns and maybe a newline.
  // It continues the line when it ends the line (or the file) and is not
  // itself escaped; otherwise the escape character alone is text and the
  // rest is read again.
  void continuation(bool startsInstruction) {
    size_t escape = startsInstruction ? afterBlanks() : tokenStartCharIndex;
    if (startsInstruction) state.startInstruction(escape);
    size_t end = here();
    bool endsLine = state.byteAt(end - 1) == '\n' || atEof();
    if (endsLine && !state.escapeAt(escape - 1)) {
      setType(LINE_CONT);
      state.skip(escape, end);
      enterContinuation();
      return;
    }
    _input->seek(escape + 1);
    setType(TEXT);
    enterInstruction();
  }
  void endInstruction() {
    if (state.endInstruction(tokenStartCharIndex)) setMode(HEREDOC); else enterLineStart();
  }
  // Blanks at the start of a continuation line.
  void continuationBlanks(size_t type) {
    if (atEof()) {  // a blank last line: an empty continuation line
      setType(EMPTY_CONT);
      state.skip(tokenStartCharIndex, here());
      return;
    }
    setType(type);
    enterInstruction();
  }
  void skippedLine() { state.skip(tokenStartCharIndex, here()); }
public:
}

// ---------------------------------------------------------------- line start
// Each line-start token takes the line's leading blanks with it, so the
// parser tells the kinds of line apart by one token.
NEWLINE      : [ \t\r\u000B\u000C]* '\n' { state.blankLine(); } ;
WS           : [ \t\r\u000B\u000C]+ ;   // blanks that end the file
COMMENT      : [ \t\r\u000B\u000C]* '#' ~[\n]* '\n'? { comment(); } ;
KEYWORD      : [ \t\r\u000B\u000C]* ~[ \t\r\n\u000B\u000C#\\`]+ { keyword(); } ;
D_LINE_CONT  : [ \t\r\u000B\u000C]* '\\' [ \t]* '\r'* '\n'? { continuation(true); } ;
D_TEXT       : [ \t\r\u000B\u000C]* '`' { keyword(); } -> type(TEXT) ;

mode DEFAULT_BT;
B_NEWLINE    : [ \t\r\u000B\u000C]* '\n' { state.blankLine(); } -> type(NEWLINE) ;
B_WS         : [ \t\r\u000B\u000C]+ -> type(WS) ;
B_COMMENT    : [ \t\r\u000B\u000C]* '#' ~[\n]* '\n'? { comment(); } ;
B_KEYWORD    : [ \t\r\u000B\u000C]* ~[ \t\r\n\u000B\u000C#\\`]+ { keyword(); } -> type(KEYWORD) ;
B_LINE_CONT  : [ \t\r\u000B\u000C]* '`' [ \t]* '\r'* '\n'? { continuation(true); } ;
B_TEXT       : [ \t\r\u000B\u000C]* '\\' { keyword(); } -> type(TEXT) ;

// ------------------------------------------------------- inside instructions
mode INSTR;
// The text of an instruction line runs, blanks included, up to the escape
// character, a carriage return or the newline: long tokens keep the lexer and
// parser fast, and BuildKit reads the words from the joined line anyway.
LINE_CONT    : '\\' [ \t]* '\r'* '\n'? { continuation(false); } ;
END_OF_INSTR : '\r'* '\n' { endInstruction(); } -> type(EOL) ;
CR           : '\r'+ ;
TEXT         : ~[\r\n\\]+ ;

mode INSTR_BT;
I_LINE_CONT  : '`' [ \t]* '\r'* '\n'? { continuation(false); } ;
I_EOL        : '\r'* '\n' { endInstruction(); } -> type(EOL) ;
I_CR         : '\r'+ -> type(CR) ;
I_TEXT       : ~[\r\n`]+ -> type(TEXT) ;

// ------------------------------------------- start of a continuation line
mode CONT;
CONT_COMMENT : [ \t\r\u000B\u000C]* '#' ~[\n]* '\n'? { skippedLine(); } ;
EMPTY_CONT   : [ \t\r\u000B\u000C]* '\n' { skippedLine(); } ;
C_LINE_CONT  : '\\' [ \t]* '\r'* '\n'? { continuation(false); } ;
C_WS         : [ \t\u000B\u000C]+ { continuationBlanks(TEXT); } ;
C_CR         : '\r'+ { continuationBlanks(CR); } ;
C_TEXT       : [ \t\u000B\u000C]* ~[ \t\r\n\u000B\u000C\\#] ~[\r\n\\]* { enterInstruction(); } -> type(TEXT) ;

mode CONT_BT;
K_COMMENT    : [ \t\r\u000B\u000C]* '#' ~[\n]* '\n'? { skippedLine(); } -> type(CONT_COMMENT) ;
K_EMPTY      : [ \t\r\u000B\u000C]* '\n' { skippedLine(); } -> type(EMPTY_CONT) ;
K_LINE_CONT  : '`' [ \t]* '\r'* '\n'? { continuation(false); } ;
K_WS         : [ \t\u000B\u000C]+ { continuationBlanks(TEXT); } ;
K_CR         : '\r'+ { continuationBlanks(CR); } ;
K_TEXT       : [ \t\u000B\u000C]* ~[ \t\r\n\u000B\u000C`#] ~[\r\n`]* { enterInstruction(); } -> type(TEXT) ;

// ------------------------------------------------------------ heredoc bodies
mode HEREDOC;
HEREDOC_LINE : ( ~[\n]+ '\n'? | '\n' ) {
                 switch (state.heredocLine(tokenStartCharIndex, here())) {
                   case restage::syntax::HeredocLineKind::Body: break;
                   case restage::syntax::HeredocLineKind::Terminator: setType(HEREDOC_END); break;
                   case restage::syntax::HeredocLineKind::LastTerminator:
                     setType(HEREDOC_END);
                     enterLineStart();
                     break;
                 }
               } ;

// ------------------------------------------------------ byte-order mark
// The reader starts in this mode only when the input starts with a UTF-8 BOM.
mode AT_BOM;
BOM          : '\u00EF\u00BB\u00BF' -> mode(DEFAULT_MODE) ;
