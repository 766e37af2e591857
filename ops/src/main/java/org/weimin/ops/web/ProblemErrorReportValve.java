package org.weimin.ops.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report for requests rejected before Spring sees them (malformed URL encoding, an overlong request
 * line): a problem detail with a stable {@code code} instead of Tomcat's HTML page, never a stack trace.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = status == 400 ? "MALFORMED_REQUEST" : "HTTP_" + status;
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"urn:weimin:problem:" + code.toLowerCase().replace('_', '-')
                        + "\",\"title\":\"The request is malformed.\",\"status\":" + status
                        + ",\"detail\":\"The request could not be read (check the URL encoding and its length).\""
                        + ",\"code\":\"" + code + "\",\"retryable\":false}");
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing more to say
        }
    }
}
