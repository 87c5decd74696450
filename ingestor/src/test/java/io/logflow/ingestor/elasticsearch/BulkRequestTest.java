package io.logflow.ingestor.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkRequestTest {

    private static BulkRequest decode(String body) throws BulkRequest.MalformedBulkException {
        return BulkRequest.decode(body.getBytes(StandardCharsets.UTF_8), null);
    }

    private static String document(BulkRequest.Action action) {
        return new String(action.document(), StandardCharsets.UTF_8);
    }

    @Test
    void actionsAndTheirDocumentsComeInOrderWithIndexAndId() throws Exception {
        List<BulkRequest.Action> actions = decode("""
                {"index":{"_index":"app","_id":"a1"}}
                {"message":"one"}
                {"create":{"_index":"app","_type":"_doc","pipeline":"p","routing":"r","_id":7}}
                {"message":"two"}
                {"delete":{"_index":"app","_id":"a1"}}
                {"update":{"_id":"a2"}}
                {"doc":{"x":1}}
                """).actions();
        assertThat(actions).extracting(BulkRequest.Action::operation).containsExactly("index", "create", "delete", "update");
        assertThat(actions).extracting(BulkRequest.Action::id).containsExactly("a1", "7", "a1", "a2");
        assertThat(document(actions.get(0))).isEqualTo("{\"message\":\"one\"}");
        assertThat(document(actions.get(1))).isEqualTo("{\"message\":\"two\"}");
        assertThat(actions.get(2).document()).isNull();
        assertThat(actions.get(0).carriesLog()).isTrue();
        assertThat(actions.get(3).carriesLog()).isFalse();
    }

    @Test
    void blankLinesCarriageReturnsAndAMissingFinalNewlineAreTolerated() throws Exception {
        List<BulkRequest.Action> actions = decode("\r\n{\"index\":{}}\r\n\n  \n{\"m\":1}\r\n{\"index\":{}}\n{\"m\":2}").actions();
        assertThat(actions).hasSize(2);
        assertThat(document(actions.get(0))).isEqualTo("{\"m\":1}");
        assertThat(document(actions.get(1))).isEqualTo("{\"m\":2}");
    }

    @Test
    void theIndexOfThePathAppliesWhereTheActionNamesNone() throws Exception {
        byte[] body = "{\"index\":{}}\n{}\n{\"index\":{\"_index\":\"other\"}}\n{}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(BulkRequest.decode(body, "from-path").actions()).extracting(BulkRequest.Action::index)
                .containsExactly("from-path", "other");
    }

    @Test
    void aDocumentLineIsKeptAsSentEvenWhenItIsNotAnObject() throws Exception {
        assertThat(document(decode("{\"index\":{}}\n[1,2]\n").actions().getFirst())).isEqualTo("[1,2]");
    }

    @Test
    void brokenActionLinesFailTheWholeBodyNamingTheLine() {
        assertThatThrownBy(() -> decode("{\"index\":{}}\n{}\n{\"upsert\":{}}\n{}\n"))
                .isInstanceOf(BulkRequest.MalformedBulkException.class).hasMessageContaining("[3]")
                .hasMessageContaining("upsert");
        assertThatThrownBy(() -> decode("not json\n")).hasMessageContaining("Malformed action/metadata line [1]");
        assertThatThrownBy(() -> decode("{\"index\":\"x\"}\n{}\n")).hasMessageContaining("must be an object");
        assertThatThrownBy(() -> decode("{\"index\":{},\"create\":{}}\n{}\n")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> decode("{\"index\":{}}\n")).hasMessageContaining("no document line");
    }

    @Test
    void anEmptyBodyHasNoActions() throws Exception {
        assertThat(decode("\n\n").actions()).isEmpty();
    }
}
