#include "shell/SimpleCommand.h"

namespace restage::shell {

std::string SimpleCommand::name() const {
    if (words.empty() || words.front().has_expansion) return {};
    return words.front().literal;
}

std::vector<std::string> argv_literals(const SimpleCommand& command) {
    std::vector<std::string> argv;
    argv.reserve(command.words.size());
    for (const auto& word : command.words) argv.push_back(word.literal);
    return argv;
}

const Word* cd_target(const SimpleCommand& command) {
    if (command.name() != "cd") return nullptr;
    for (size_t i = 1; i < command.words.size(); ++i) {
        const Word& word = command.words[i];
        if (word.literal == "--") return i + 1 < command.words.size() ? &command.words[i + 1] : nullptr;
        const bool option = word.literal.size() > 1 && word.literal.front() == '-' && !word.has_expansion;
        if (!option) return &word;
    }
    return nullptr;
}

}  // namespace restage::shell
