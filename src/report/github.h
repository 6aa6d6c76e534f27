// GitHub Actions workflow commands (--format github): their escaping, for
// the reporter (github.cc) and its tests; what the GitLab report shares.
#pragma once

#include "report/report.h"

#include <string>
#include <string_view>

namespace rurume {

/// The message of a workflow command, escaped as GitHub's runner reads it
/// (actions/toolkit, command.ts escapeData): '%' as %25, CR as %0D, LF as
/// %0A. Other control characters (and bytes that are not UTF-8) are first
/// made visible as EscapeControls writes them (`\u001b`, `\xff`), so that
/// data cannot colour the log or end the command.
std::string GithubData(std::string_view text);

/// A property value of a workflow command (file=, title=): GithubData, and
/// ':' as %3A and ',' as %2C (escapeProperty).
std::string GithubProperty(std::string_view text);

/// A finding's personal information under --show-personal-info, on one line
/// ("患者 P001: 氏名 …、生年月日 …"; "本文: …"), as the text report writes it;
/// for the GitHub and GitLab reports.
std::string PersonalInfoLine(const PersonalInfo& p, Lang lang);

}  // namespace rurume
