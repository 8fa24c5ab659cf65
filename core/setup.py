"""jewellery_followup_core: everything of the jewellery follow-up that does not depend on Odoo's API, one source
for the addon of every Odoo version (each manifest declares it in external_dependencies)."""
from setuptools import find_packages, setup

setup(
    name="jewellery_followup_core",
    version="2.0.0",
    description="The jewellery second-chance follow-up without the ORM: its rules, vocabulary, checks, messages "
                "in fr/es/de, SQL and scenario tests, shared by its Odoo 11.0, 17.0, 18.0 and 19.0 addons",
    license="AGPL-3",
    packages=find_packages(include=["jewellery_followup_core", "jewellery_followup_core.*"]),
    package_data={"jewellery_followup_core": ["locale/*.pot", "locale/*/*.po"]},
    python_requires=">=3.7",
    # all three come with every Odoo version this serves
    install_requires=["pytz", "Babel", "MarkupSafe"],
)
