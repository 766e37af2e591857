package org.weimin.ops.open311;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The two formats of GeoReport v2, chosen by the path's suffix ({@code .json}, {@code .xml}). A response is built once
 * as a tree of ordered maps, lists and scalars (null values are left out) and written either as JSON (Jackson) or as
 * XML (the JDK's StAX writer) with the spec's element names: a list is an element named by its key holding one element
 * per item, named by {@link #ITEM_NAMES} ({@code notes/note}, {@code attributes/attribute}, ...); a top-level list is
 * the root element holding items of the given item name ({@code service_requests/request}). Both UTF-8, with
 * {@code Content-Type: application/json; charset=utf-8} or {@code text/xml; charset=utf-8}.
 */
public enum Open311Format {
    JSON(new MediaType("application", "json", StandardCharsets.UTF_8)),
    XML(new MediaType("text", "xml", StandardCharsets.UTF_8));

    /** Element names of the items of nested lists, by the list's key. */
    static final Map<String, String> ITEM_NAMES = Map.of("notes", "note", "endpoints", "endpoint", "formats",
            "format", "attributes", "attribute", "values", "value", "errors", "error");
    private static final ObjectMapper WRITER = new ObjectMapper();
    private static final XMLOutputFactory XML_OUTPUT = XMLOutputFactory.newFactory();

    private final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** The format named by a path suffix ({@code json}, {@code xml}); null for any other. */
    public static Open311Format ofSuffix(String suffix) {
        return "json".equals(suffix) ? JSON : "xml".equals(suffix) ? XML : null;
    }

    /** The format of a request path: XML when it ends in {@code .xml}, else JSON. */
    public static Open311Format ofPath(String path) {
        return path != null && path.endsWith(".xml") ? XML : JSON;
    }

    /**
     * A response of this format.
     *
     * @param root     the XML root element ({@code services}, {@code service_requests}, {@code discovery}, ...)
     * @param item     the XML element of each item when {@code body} is a list, else null
     * @param body     a list of maps, or a map
     */
    public ResponseEntity<byte[]> respond(int status, String root, String item, Object body) {
        return ResponseEntity.status(status).contentType(mediaType).body(write(root, item, body));
    }

    byte[] write(String root, String item, Object body) {
        try {
            if (this == JSON) {
                return WRITER.writeValueAsBytes(body);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XMLStreamWriter xml = XML_OUTPUT.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root);
            if (body instanceof List<?> list) {
                for (Object each : list) {
                    element(xml, item, each);
                }
            } else {
                children(xml, (Map<?, ?>) body);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toByteArray();
        } catch (XMLStreamException | java.io.IOException e) {
            throw new IllegalStateException("cannot write an Open311 response", e);
        }
    }

    private static void children(XMLStreamWriter xml, Map<?, ?> map) throws XMLStreamException {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() != null) {
                element(xml, e.getKey().toString(), e.getValue());
            }
        }
    }

    private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        xml.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            children(xml, map);
        } else if (value instanceof List<?> list) {
            String itemName = ITEM_NAMES.getOrDefault(name, "item");
            for (Object each : list) {
                element(xml, itemName, each);
            }
        } else {
            xml.writeCharacters(String.valueOf(value));
        }
        xml.writeEndElement();
    }
}
