// See tools.hpp. Tool outputs are parsed loosely (by line prefix); anything unparsed stays in
// `raw` so a failing test shows what the tool said.
#include "tools.hpp"

#include "mxray/core/text.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace mxray::interop {
namespace {

const std::string kRun = MXRAY_LAB_DIR;

std::string upper(std::string_view s) { return core::ascii_upper(s); }

std::string trim(std::string_view s) { return std::string(core::trim_space(s)); }

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int count_files(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return 0;
  int n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file()) ++n;
  }
  return n;
}

}  // namespace

Shell sh(const std::string& cmd) {
  Shell r;
  FILE* pipe = ::popen(("exec 2>&1; " + cmd).c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

OpensslFacts openssl_facts(const std::string& ip, const std::string& servername) {
  OpensslFacts f;
  const auto pem = std::filesystem::temp_directory_path() / ("mxray-interop-" + ip + ".pem");
  const auto s = sh("openssl s_client -starttls smtp -connect " + ip + ":25 -servername " + servername + " -CAfile " +
                    kRun + "/certs/ca.pem </dev/null");
  f.raw = s.out;
  // "New, TLSv1.3, Cipher is X" is printed even when the server answers the rest of a TLS 1.3
  // handshake with an alert (the client has the ServerHello by then): an alert means failure.
  // The version comes from the session's "Protocol :" line ("New," says TLSv1.0 for 1.1).
  static const std::regex session(R"(New, (TLSv[0-9.]+), Cipher is (\S+))");
  static const std::regex protocol(R"(Protocol\s*:\s*(TLSv[0-9.]+))");
  std::smatch m;
  if (std::regex_search(s.out, m, session) && m[2] != "(NONE)" && s.out.find("SSL alert number") == std::string::npos) {
    f.handshake_ok = true;
    f.version = m[1];
    f.cipher = m[2];
    if (std::regex_search(s.out, m, protocol)) f.version = m[1];
  }
  const auto begin = s.out.find("-----BEGIN CERTIFICATE-----");
  const auto end = s.out.find("-----END CERTIFICATE-----");
  if (begin == std::string::npos || end == std::string::npos) return f;
  std::ofstream(pem) << s.out.substr(begin, end - begin) << "-----END CERTIFICATE-----\n";
  const auto x = sh("openssl x509 -in " + pem.string() +
                    " -noout -nameopt RFC2253 -subject -issuer -enddate -fingerprint -sha256 -ext subjectAltName");
  std::filesystem::remove(pem);
  f.raw += "\n---- openssl x509\n" + x.out;
  bool in_san = false;
  for (const auto& line : lines(x.out)) {
    if (line.rfind("subject=", 0) == 0) f.subject = trim(line.substr(8));
    if (line.rfind("issuer=", 0) == 0) f.issuer = trim(line.substr(7));
    if (line.rfind("notAfter=", 0) == 0) {
      std::tm tm{};
      if (::strptime(line.substr(9).c_str(), "%b %d %H:%M:%S %Y GMT", &tm) != nullptr)
        f.not_after_epoch = ::timegm(&tm);
    }
    if (line.rfind("sha256 Fingerprint=", 0) == 0 || line.rfind("SHA256 Fingerprint=", 0) == 0) {
      for (const char c : line.substr(19)) {
        if (std::isxdigit(static_cast<unsigned char>(c))) f.sha256 += static_cast<char>(std::tolower(c));
      }
    }
    if (in_san) {
      std::istringstream names(line);
      std::string item;
      while (std::getline(names, item, ',')) {
        item = trim(item);
        if (item.rfind("DNS:", 0) == 0) f.san.push_back(item.substr(4));
      }
      in_san = false;
    }
    if (line.find("Subject Alternative Name") != std::string::npos) in_san = true;
  }
  return f;
}

SwaksFacts swaks_ehlo(const std::string& ip) {
  SwaksFacts f;
  const auto s = sh("swaks --server " + ip + " --port 25 --ehlo interop.test --quit-after EHLO --timeout 15");
  f.raw = s.out;
  bool after_ehlo = false;
  bool first_ehlo_line = true;
  for (const auto& line : lines(s.out)) {
    if (line.rfind("<-  ", 0) != 0 && line.rfind("<** ", 0) != 0) {
      if (line.find("-> EHLO") != std::string::npos) after_ehlo = true;
      continue;
    }
    const auto reply = trim(line.substr(4));
    if (reply.size() < 4) continue;
    if (!after_ehlo) {
      if (f.banner_code == 0) f.banner_code = std::stoi(reply.substr(0, 3));
      f.banner_text += (f.banner_text.empty() ? "" : "\n") + reply.substr(4);
      continue;
    }
    if (reply.rfind("250", 0) != 0) continue;
    if (first_ehlo_line) {  // "250-host Hello ...": the greeting, not an extension
      first_ehlo_line = false;
      continue;
    }
    const auto ext = reply.substr(4);
    const auto space = ext.find(' ');
    f.extensions[upper(ext.substr(0, space))] = space == std::string::npos ? "" : trim(ext.substr(space + 1));
    if (reply[3] == ' ') break;
  }
  return f;
}

FingerVerdict posttls_finger(const std::string& ip, const std::string& mx_name) {
  FingerVerdict v;
  // MAIL_CONFIG: posttls-finger reads a main.cf; the lab writes a minimal one for clients.
  const auto s = sh("MAIL_CONFIG=" + kRun + "/mta/client posttls-finger -c -l secure -F " + kRun + "/certs/ca.pem '[" +
                    ip + "]:25' " + mx_name);
  v.raw = s.out;
  v.verified = s.out.find("Verified TLS connection established") != std::string::npos;
  return v;
}

NmapVerdict nmap_open_relay(const std::string& ip) {
  NmapVerdict v;
  // -n: no reverse DNS (the host's resolver is not on loopback); -sT: a plain connect().
  const auto s =
      sh("nmap -n -Pn -sT -p25 --script smtp-open-relay --script-args "
         "smtp-open-relay.domain=elsewhere.test,smtp-open-relay.ip=" +
         ip + " " + ip);
  v.raw = s.out;
  v.open = s.out.find("Server is an open relay") != std::string::npos;
  v.finished = v.open || s.out.find("Server doesn't seem to be an open relay") != std::string::npos;
  return v;
}

std::multiset<std::string> dn_parts(const std::string& dn) {
  std::multiset<std::string> out;
  std::string part;
  for (std::size_t i = 0; i <= dn.size(); ++i) {
    if (i == dn.size() || (dn[i] == ',' && (i == 0 || dn[i - 1] != '\\'))) {
      auto p = trim(part);
      const auto eq = p.find('=');
      if (eq != std::string::npos) p = upper(trim(p.substr(0, eq))) + "=" + trim(p.substr(eq + 1));
      if (!p.empty()) out.insert(p);
      part.clear();
    } else {
      part += dn[i];
    }
  }
  return out;
}

const std::vector<Mta>& mtas() {
  static const std::vector<Mta> all{
      {"postfix", "postfix.test", "mx.postfix.test", "127.0.0.50"},
      {"postfix-relay", "postfix-relay.test", "mx.postfix-relay.test", "127.0.0.51"},
      {"postfix-legacy", "postfix-legacy.test", "mx.postfix-legacy.test", "127.0.0.52"},
      {"exim", "exim.test", "mx.exim.test", "127.0.0.53"},
      {"opensmtpd", "opensmtpd.test", "mx.opensmtpd.test", "127.0.0.54"},
  };
  return all;
}

std::string mta_log(const Mta& m) {
  if (m.name == "exim") return slurp(kRun + "/logs/exim-main.log");
  return slurp(kRun + "/logs/" + m.name + ".log");
}

std::vector<std::string> data_lines(const Mta& m) {
  std::vector<std::string> out;
  for (const auto& line : lines(mta_log(m))) {
    bool hit = false;
    if (m.name.rfind("postfix", 0) == 0) {
      // smtpd's disconnect line counts every command: "ehlo=2 starttls=1 mail=1 rcpt=0/1 data=..."
      hit = line.find(" data=") != std::string::npos || line.find(" bdat=") != std::string::npos ||
            line.find("postfix/cleanup") != std::string::npos;
    } else if (m.name == "exim") {
      // acl_smtp_predata logs "DATA command"; a received message is logged with "<=".
      hit = line.find("DATA command") != std::string::npos || line.find(" <= ") != std::string::npos;
    } else {
      // smtpd -T smtp logs every client line as "<<< ..."; a message as "smtp message".
      hit = upper(line).find("<<< DATA") != std::string::npos || upper(line).find("<<< BDAT") != std::string::npos ||
            line.find("smtp message") != std::string::npos;
    }
    if (hit) out.push_back(line);
  }
  return out;
}

int queued_messages(const Mta& m) {
  if (m.name.rfind("postfix", 0) == 0) {
    int n = 0;
    for (const char* q : {"maildrop", "incoming", "active", "deferred", "hold", "corrupt"}) {
      n += count_files(kRun + "/mta/" + m.name + "/queue/" + q);
    }
    return n;
  }
  if (m.name == "exim") return count_files(kRun + "/mta/exim/spool/input");
  // OpenSMTPD's queue path is compiled in (/var/spool/smtpd).
  return count_files("/var/spool/smtpd/queue") + count_files("/var/spool/smtpd/incoming");
}

}  // namespace mxray::interop
