"""jewellery_followup_glue: the ORM glue that Odoo 17.0, 18.0 and 19.0 spell alike, written once for their three
addons (each declares it in external_dependencies, beside the version-neutral core)."""
from setuptools import find_packages, setup

setup(
    name="jewellery_followup_glue",
    version="1.0.0",
    description="The jewellery second-chance follow-up's models, wizards and reports as Odoo 17.0 to 19.0 declare "
                "them: fields and ORM calls, on top of jewellery_followup_core",
    license="AGPL-3",
    packages=find_packages(include=["jewellery_followup_glue", "jewellery_followup_glue.*"]),
    python_requires=">=3.10",
    # Odoo itself comes with the server this runs in; the core is installed beside it
    install_requires=[],
)
