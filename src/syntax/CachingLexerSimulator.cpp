#include "syntax/CachingLexerSimulator.h"

namespace restage::syntax {

CachingLexerSimulator::CachingLexerSimulator(antlr4::Lexer* recog, const antlr4::atn::ATN& atn,
                                             std::vector<antlr4::dfa::DFA>& decisionToDFA,
                                             antlr4::atn::PredictionContextCache& contextCache)
    : LexerATNSimulator(recog, atn, decisionToDFA, contextCache), table_(decisionToDFA.size()) {}

size_t CachingLexerSimulator::match(antlr4::CharStream* input, size_t mode) {
  mode_ = mode;
  return LexerATNSimulator::match(input, mode);
}

antlr4::dfa::DFAState* CachingLexerSimulator::getExistingTargetState(antlr4::dfa::DFAState* s, size_t t) {
  if (t >= 256 || s->stateNumber < 0 || mode_ >= table_.size()) {
    return LexerATNSimulator::getExistingTargetState(s, t);
  }
  auto& rows = table_[mode_];
  auto n = static_cast<size_t>(s->stateNumber);
  if (n >= rows.size()) rows.resize(n + 1);
  if (!rows[n]) {
    rows[n] = std::make_unique<Row>();
    rows[n]->fill(nullptr);
  }
  antlr4::dfa::DFAState*& cached = (*rows[n])[t];
  if (cached == nullptr) cached = LexerATNSimulator::getExistingTargetState(s, t);
  return cached;
}

}  // namespace restage::syntax
