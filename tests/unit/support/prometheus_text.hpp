// A strict reader of the Prometheus text exposition format 0.0.4 for the renderer's tests:
// metric and label names by the format's grammar, label values with only \\, \" and \n
// escapes, HELP and TYPE at most once per family and before its samples, every family's
// samples together, no series twice, values that are numbers. Input is the renderer's output.
#pragma once

#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace mxray::test {

struct PromSample {
  std::string name;
  std::map<std::string, std::string> labels;  // unescaped values
  double value = 0;
};

struct PromParse {
  std::vector<PromSample> samples;
  std::map<std::string, std::string> types;  // family -> type
  std::map<std::string, std::string> help;
  std::string error;  // empty: the text is valid
  /// The samples of `name` whose labels include all of `match`.
  std::vector<PromSample> find(const std::string& name, const std::map<std::string, std::string>& match = {}) const {
    std::vector<PromSample> out;
    for (const auto& s : samples) {
      if (s.name != name) continue;
      bool all = true;
      for (const auto& [k, v] : match) {
        const auto it = s.labels.find(k);
        all = all && it != s.labels.end() && it->second == v;
      }
      if (all) out.push_back(s);
    }
    return out;
  }
};

inline PromParse parse_prometheus_text(const std::string& text) {
  PromParse r;
  const std::regex metric_name("[a-zA-Z_:][a-zA-Z0-9_:]*");
  const std::regex label_name("[a-zA-Z_][a-zA-Z0-9_]*");
  const std::regex value_re(R"(([+-]?([0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?|\.[0-9]+([eE][+-]?[0-9]+)?)|[+-]Inf|NaN))");
  std::set<std::string> closed;  // families whose samples have ended
  std::set<std::string> series;
  std::string current;
  auto fail = [&r](const std::string& why, const std::string& line) {
    if (r.error.empty()) r.error = why + ": " + line;
  };
  auto family_of = [&r](const std::string& name) {
    for (const auto* suffix : {"_total", "_bucket", "_sum", "_count", "_created"}) {
      const std::string s = suffix;
      if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
        const auto base = name.substr(0, name.size() - s.size());
        if (r.types.count(base)) return base;
      }
    }
    return name;
  };
  auto enter = [&](const std::string& family, const std::string& line) {
    if (family == current) return;
    if (closed.count(family)) fail("samples of a family are not together", line);
    if (!current.empty()) closed.insert(current);
    current = family;
  };
  if (!text.empty() && text.back() != '\n') fail("no final line feed", "");
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::smatch m;
      if (std::regex_match(line, m, std::regex(R"(# (HELP|TYPE) ([^ ]+) ?(.*))"))) {
        const auto name = m[2].str();
        if (!std::regex_match(name, metric_name)) fail("bad metric name", line);
        if (m[1] == "TYPE") {
          if (r.types.count(name)) fail("TYPE twice", line);
          if (!std::regex_match(m[3].str(), std::regex("counter|gauge|histogram|summary|untyped")))
            fail("bad type", line);
          for (const auto& s : r.samples) {
            if (family_of(s.name) == name) fail("TYPE after samples", line);
          }
          r.types[name] = m[3].str();
        } else {
          if (r.help.count(name)) fail("HELP twice", line);
          const auto h = m[3].str();
          for (std::size_t i = 0; i < h.size(); ++i) {
            if (h[i] == '\\' && (i + 1 >= h.size() || (h[i + 1] != '\\' && h[i + 1] != 'n')))
              fail("bad HELP escape", line);
            if (h[i] == '\\') ++i;
          }
          r.help[name] = h;
        }
        enter(name, line);
      }
      continue;
    }
    PromSample s;
    std::size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    s.name = line.substr(0, i);
    if (!std::regex_match(s.name, metric_name)) fail("bad metric name", line);
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (i < line.size() && line[i] != '}') {
        std::size_t k = i;
        while (k < line.size() && line[k] != '=') ++k;
        const auto key = line.substr(i, k - i);
        if (!std::regex_match(key, label_name)) fail("bad label name", line);
        if (k + 1 >= line.size() || line[k + 1] != '"') {
          fail("label value not quoted", line);
          break;
        }
        std::string value;
        k += 2;
        bool ended = false;
        for (; k < line.size(); ++k) {
          if (line[k] == '\\') {
            if (k + 1 >= line.size()) break;
            const char e = line[++k];
            if (e == '\\')
              value += '\\';
            else if (e == '"')
              value += '"';
            else if (e == 'n')
              value += '\n';
            else
              fail("bad escape in label value", line);
          } else if (line[k] == '"') {
            ended = true;
            ++k;
            break;
          } else {
            value += line[k];
          }
        }
        if (!ended) {
          fail("unterminated label value", line);
          break;
        }
        if (s.labels.count(key)) fail("label twice", line);
        s.labels[key] = value;
        i = k;
        if (i < line.size() && line[i] == ',') ++i;
      }
      if (i >= line.size() || line[i] != '}') {
        fail("labels not closed", line);
        continue;
      }
      ++i;
    }
    if (i >= line.size() || line[i] != ' ') {
      fail("no value", line);
      continue;
    }
    const auto rest = line.substr(i + 1);
    const auto space = rest.find(' ');
    const auto value = rest.substr(0, space);
    if (!std::regex_match(value, value_re)) fail("bad value", line);
    if (space != std::string::npos && !std::regex_match(rest.substr(space + 1), std::regex("-?[0-9]+"))) {
      fail("bad timestamp", line);
    }
    s.value = value == "NaN" ? 0 : std::strtod(value.c_str(), nullptr);
    const auto family = family_of(s.name);
    if (!r.types.count(family)) fail("sample without TYPE", line);
    enter(family, line);
    std::string key = s.name;
    for (const auto& [k, v] : s.labels) key += "\x1f" + k + "=" + v;
    if (!series.insert(key).second) fail("series twice", line);
    r.samples.push_back(std::move(s));
  }
  return r;
}

}  // namespace mxray::test
