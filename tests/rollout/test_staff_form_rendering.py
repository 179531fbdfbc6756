"""The staff page's form writes its inputs itself, as Django's widget templates write them."""

from __future__ import annotations

from django.forms.renderers import get_default_renderer

from wizard.rollout.forms import AcknowledgeForm

READ = {"version": "2.0", "fingerprint": "ab" * 32}


def test_inputs_are_written_as_the_widget_templates_write_them():
    data = {"name": '<b>"Ann" & co</b>', "email": "not an address", **READ}
    form = AcknowledgeForm(data=data)
    templated = AcknowledgeForm(data=data, renderer=get_default_renderer())

    assert [str(field) for field in form] == [str(field) for field in templated]
    assert 'value="&lt;b&gt;&quot;Ann&quot; &amp; co&lt;/b&gt;"' in str(form["name"])
    assert 'aria-invalid="true" aria-describedby="id_email_error"' in str(form["email"])
