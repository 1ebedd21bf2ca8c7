// The findings about anti-spam front ends: what they do on purpose is explained, not reported
// as a fault. Part of the findings catalogue (catalogue.hpp); ids are stable: never rename one.
#include <array>

#include "mxray/checks/catalogue_parts.hpp"
#include "mxray/i18n/translate.hpp"

namespace mxray::checks {
namespace {

using S = Severity;

constexpr std::array kFindings = {
    FindingDefinition{
        "smtp.postscreen", S::info, N_("Postfix postscreen in front of the server"),
        N_("The greeting came as postscreen sends it: a first \"220-\" line, a deliberate pause "
           "(postscreen_greet_wait, "
           "6 s by default), then the final \"220\" line. A client that talks during the pause is taken for a spam "
           "bot. "
           "With the deep protocol tests on (pipelining, non-SMTP command, bare newline), a new client that passes "
           "them "
           "is answered 450 at RCPT TO on its first visit and must reconnect; postscreen then remembers it and hands "
           "the "
           "next connection straight to the real smtpd. Real senders retry on their own, so no mail is lost: the first "
           "message from a new sending address is only delayed until its retry. mxray never talks before the final "
           "greeting line, pipelines only where PIPELINING is advertised and sends no non-SMTP command or bare "
           "newline, "
           "and reconnects once after the first-contact 450, so that the relay test and the rest are decided on the "
           "real server."),
        N_("Nothing to do. To shorten the first delivery from new senders, keep postscreen_greet_wait short (the "
           "default 6 s is fine, RFC 5321 gives a client 5 minutes for the greeting) and consider the deep protocol "
           "tests only where the first-visit delay is acceptable; `postscreen_cache_map` must be writable, or every "
           "visit is a first one (look for \"PASS NEW\" and \"PASS OLD\" in the mail log).")},
    FindingDefinition{
        "smtp.greeting_pause", S::info, N_("Deliberate greeting pause"),
        N_("The server sent the first line of its greeting at once and the final line only after a pause. That is a "
           "bot test (Postfix postscreen, similar greet-pause features of other servers): spam software that talks "
           "before the greeting is complete is refused. A pause of a few seconds costs real senders nothing, since RFC "
           "5321 4.5.3.2 lets a client wait 5 minutes for the greeting. Only pauses longer than about 8 s are reported "
           "as a slow greeting."),
        N_("Nothing to do. Keep the pause within a few seconds (postscreen_greet_wait, 6 s by default).")},
    FindingDefinition{
        "smtp.greylisting", S::info, N_("Greylisting: the first attempt was deferred, the retry went through"),
        N_("The server answered the first attempt with a temporary refusal that named greylisting and said how soon "
           "to come back (a policy service such as postgrey, or the server's own greylisting). mxray waited that long "
           "and reconnected once, as a real sender does, and the relay test and the rest of the report come from that "
           "second session. Greylisting delays the first message from every new sender, recipient and address triple "
           "by the greylisting time plus the sender's retry interval (often 5 to 30 minutes); it rejects nothing."),
        N_("Nothing to do. If first-contact delays matter, shorten the delay (postgrey --delay, 300 s by default) "
           "and let known senders through (postgrey's whitelist_clients, or --auto-whitelist-clients).")},
    FindingDefinition{
        "smtp.greylisting_unresolved", S::info, N_("Inconclusive: greylisting deferred the test"),
        N_("The server answered with a temporary refusal that names greylisting, but did not say how soon to come "
           "back, or the wait it named does not fit in the check's deadline, so mxray did not retry. This is not a "
           "rejection: real senders retry, and their mail is delivered once the greylisting time has passed. What the "
           "relay test would have shown is unknown."),
        N_("Nothing to do for mail delivery. To let mxray finish the test in one run, say how soon to retry in the "
           "deferral text (postgrey: --greylist-text=\"Greylisted, try again in %s seconds\"), or run the check again "
           "after the greylisting time.")},
    FindingDefinition{
        "smtp.one_session_per_client", S::info, N_("The server allows one session at a time per client address"),
        N_("While one mxray session was open, a second one from the same address was refused with a temporary reply "
           "(Exim's smtp_accept_max_per_host, Postfix's smtpd_client_connection_count_limit, or a front end's own "
           "limit). That is a deliberate limit, not an outage: senders that open several connections at once get the "
           "same answer for the extra ones and deliver over the first. mxray then ran its sessions one after another. "
           "With --sessions-per-address 1 mxray never opens a second session at once."),
        N_("Nothing to do, unless legitimate bulk senders (your own relays, list servers) need parallel connections: "
           "then raise the limit for them (Exim: smtp_accept_max_per_host with a host list; Postfix: "
           "smtpd_client_connection_count_limit and smtpd_client_event_limit_exceptions).")},
    FindingDefinition{
        "smtp.tarpit", S::info, N_("Tarpit: every reply is delayed"),
        N_("Most of the server's replies came after a second or more each, a deliberate delay (a tarpit, Exim's "
           "ACL delay modifier, Postfix's smtpd_error_sleep_time, or a filtering proxy) that makes bulk "
           "senders slow. Real senders wait up to 5 minutes per command (RFC 5321 4.5.3.2), so mail still arrives, "
           "only more slowly, and each delivery holds a connection longer on both ends. mxray keeps to its deadline: "
           "what did not fit in it is reported as not tested."),
        N_("If the delay is not meant for every client, limit it to suspicious ones (after errors, or for clients "
           "on a blocklist) and keep it short for listed partners.")},
    FindingDefinition{
        "smtp.provider_throttle", S::info, N_("Inconclusive: the server throttled this test (a large provider's text)"),
        N_("The server answered with the text a large mail provider (Gmail, Microsoft, Yahoo) documents for a client "
           "that sends too fast or while it is busy, such as \"421 4.7.0 Try again later, closing connection\" or "
           "\"451 4.7.500 Server busy\". That is a temporary refusal aimed at the client, not a server fault, and the "
           "test address may well be the cause (many test connections, or an address of a cloud or dial-up range). "
           "For your own mail it means: when your outgoing server meets these replies, its mail to that provider is "
           "delayed, and senders retry."),
        N_("Rerun the check later, or from another address. If your own outgoing mail server receives these "
           "replies: send at a steadier rate, fewer connections at once, and follow the provider's sender guidelines "
           "(authentication with SPF, DKIM and DMARC, reverse DNS, low complaint rates).")},
    FindingDefinition{
        "smtp.provider_reputation", S::info,
        N_("Inconclusive: the server distrusts this client's address (a large provider's text)"),
        N_("The server answered with the text a large mail provider documents for a client whose address has a poor "
           "reputation or sends unwanted mail, such as Gmail's \"421 4.7.28\" (unusual rate of unsolicited mail), "
           "Microsoft's \"4.7.650\" (rate limited due to IP reputation) or Yahoo's \"421 4.7.0 [TSS04]\" (unexpected "
           "volume or user complaints). It is about the connecting address, here mxray's own, not about the server, "
           "so nothing about the server could be concluded. For your own mail it means: if your outgoing server's "
           "address receives these replies, that provider is delaying your mail because of the address's reputation."),
        N_("Rerun the check from an address with a clean sending history. If your own outgoing server receives these "
           "replies: check the address on the provider's postmaster tools and on blocklists, make sure SPF, DKIM, "
           "DMARC "
           "and reverse DNS are in order, find and stop any unwanted mail it sends, and ask the provider for "
           "mitigation once it is clean.")},
};

}  // namespace

std::span<const FindingDefinition> front_end_findings() { return kFindings; }

}  // namespace mxray::checks
