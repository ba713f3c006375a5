#pragma once
// Suggestions as the JSON body of GitHub's "create a review for a pull
// request" request (POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews):
// one comment per suggestion on the lines it replaces, on the RIGHT side (the
// pull request's version of the file), with a ```suggestion block a reviewer
// can commit with one click.
#include <optional>
#include <string>
#include <vector>

#include "suggest/Suggestion.h"

namespace restage::output {

// `commitId`: the pull request's head commit the lines refer to; unset, GitHub
// takes the pull request's latest commit.
std::string githubReview(const std::vector<suggest::FileReport>& reports, const std::optional<std::string>& commitId);

// A ```suggestion block (fenced with more backticks than the text contains)
// whose content replaces the commented lines.
std::string suggestionBlock(std::string_view text);

}  // namespace restage::output
