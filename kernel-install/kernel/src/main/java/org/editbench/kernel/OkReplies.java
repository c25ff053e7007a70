package org.editbench.kernel;

import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

/**
 * Replies that the protocol says carry {@code "status": "ok"} and jjava's classes send without it
 * ({@code kernel_info_reply}, {@code history_reply}); strict clients reject them otherwise.
 */
final class OkReplies {
  private OkReplies() {}

  static final class KernelInfo extends KernelInfoReply {
    @SuppressWarnings("unused") // read by Gson when the reply is sent
    private final String status = "ok";

    KernelInfo(
        String protocolVersion,
        String implementation,
        String implementationVersion,
        LanguageInfo languageInfo,
        String banner,
        List<HelpLink> helpLinks) {
      super(
          protocolVersion, implementation, implementationVersion, languageInfo, banner, helpLinks);
    }
  }

  /**
   * A {@code history_reply}'s content. Built as plain JSON values: jjava's reply would serialize
   * its entries as objects, where the protocol wants {@code [session, line, input]} tuples ({@code
   * [session, line, [input, output]]} with output).
   */
  static Map<String, Object> history(List<HistoryEntry> entries) {
    List<List<Object>> tuples =
        entries.stream()
            .map(
                entry ->
                    List.<Object>of(
                        entry.getSession(),
                        entry.getCellNumber(),
                        entry.hasOutput()
                            ? List.of(entry.getInput(), entry.getOutput())
                            : entry.getInput()))
            .toList();
    return Map.of("status", "ok", "history", tuples);
  }
}
