package org.ixp.nntp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ixp.IxpCode;
import org.ixp.IxpException;
import org.ixp.IxpResult;
import org.ixp.nntp.NntpDecoder.Expect;

/**
 * getHeaders: the overview of a range (RFC 3977 §8.3), in two steps when the session does not know the server's
 * overview format yet: {@code LIST OVERVIEW.FMT} (any failure: the RFC 3977 default), then OVER (or XOVER when the
 * server does not announce OVER). Each part of the answer becomes one {@link NntpHeaderResp}; a malformed line is
 * reported for its article ({@link OverviewProblem}) and parsing goes on. Memory is constant in the range's size.
 */
final class OverExchange extends NntpExchange<OverviewSummary> {
    private final NntpRange range;
    private final String messageId;
    private final Sink sink;
    private final Consumer<NntpHeader> perHeader;
    private final Consumer<OverviewProblem> perProblem;
    private final int maxFormatLines;
    private OverviewFormat format;
    private List<String> formatLines;
    private boolean formatStep;
    private NntpReply opening;
    private long entries;
    private long malformed;

    OverExchange(NntpTransport t, NntpRange range, String messageId, Sink sink, Consumer<NntpHeader> perHeader,
                 Consumer<OverviewProblem> perProblem, int maxFormatLines) {
        super(t, NntpState.HEADERS);
        if (messageId != null) {
            NntpCommands.checkMessageId(messageId);
        }
        this.range = range;
        this.messageId = messageId;
        this.sink = sink;
        this.perHeader = perHeader;
        this.perProblem = perProblem;
        this.maxFormatLines = maxFormatLines;
    }

    @Override
    void begin() {
        if (format == null) {
            format = transport.overviewFormat();
        }
        if (format == null) {
            formatStep = true;
            formatLines = new ArrayList<>();
            send("LIST OVERVIEW.FMT", Expect.lines(215));
            return;
        }
        formatStep = false;
        boolean x = !transport.nntpCapabilities().over();
        if (x && messageId != null) {
            throw new IxpException(IxpCode.IXP_E_NNTP_NOT_SUPPORTED, "the server does not announce OVER, and XOVER"
                    + " takes no message-id");
        }
        send(NntpCommands.over(x, range, messageId), Expect.lines(224));
    }

    @Override
    boolean handle(NntpEvent event) {
        return formatStep ? formatEvent(event) : overEvent(event);
    }

    private boolean formatEvent(NntpEvent event) {
        if (event instanceof NntpReply r && !r.multiLine()) {
            transport.note("LIST OVERVIEW.FMT refused (" + r.code() + "): using the RFC 3977 overview format");
            useFormat(OverviewFormat.DEFAULT);
        } else if (event instanceof NntpBlock.Lines l) {
            if (formatLines.size() + l.lines().size() <= maxFormatLines) {
                formatLines.addAll(l.lines());
            }
        } else if (event instanceof NntpBlock.End) {
            useFormat(OverviewFormat.of(formatLines));
        }
        return false;
    }

    private void useFormat(OverviewFormat f) {
        format = f;
        formatLines = null;
        transport.overviewFormat(f);
        begin(); // an IxpException here (nothing to send) ends the exchange with it
    }

    private boolean overEvent(NntpEvent event) {
        if (event instanceof NntpReply r) {
            if (!r.multiLine()) {
                return r.positive() ? failUnexpected(r) : failWith(r);
            }
            opening = r;
            return false;
        }
        if (event instanceof NntpBlock.End) {
            succeed(new OverviewSummary(entries, malformed));
            return true;
        }
        NntpBlock.Lines l = (NntpBlock.Lines) event;
        List<NntpHeader> headers = new ArrayList<>(l.lines().size());
        List<OverviewProblem> problems = new ArrayList<>(0);
        for (String line : l.lines()) {
            OverviewParser.Parsed p = OverviewParser.parse(line, format);
            if (p.header() != null) {
                headers.add(p.header());
            } else {
                problems.add(p.problem());
            }
        }
        entries += headers.size();
        malformed += problems.size();
        NntpHeaderResp resp = new NntpHeaderResp(List.copyOf(headers), List.copyOf(problems),
                format.supportsXref());
        transport.part(this, resp, NntpCodes.result(opening), l.bytes(), sink,
                perHeader == null && perProblem == null ? null : () -> {
                    if (perHeader != null) {
                        resp.headers().forEach(perHeader);
                    }
                    if (perProblem != null) {
                        resp.problems().forEach(perProblem);
                    }
                });
        return false;
    }

    private boolean failUnexpected(NntpReply r) {
        fail(new IxpException(NntpCodes.result(IxpCode.IXP_E_NNTP_RESPONSE_ERROR, r, "unexpected reply to OVER")));
        return true;
    }

    @Override
    IxpResult successResult(OverviewSummary value) {
        return opening == null ? IxpResult.ok() : NntpCodes.result(opening);
    }

    @Override
    public String toString() {
        return "OVER";
    }
}
