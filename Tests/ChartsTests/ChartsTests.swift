// Tests for Charts.
