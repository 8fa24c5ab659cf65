"""jewellery-followup-rules: the second-chance follow-up's rules in plain Python, one source for the Odoo 11.0
and the Odoo 18.0 addon (each declares it in its manifest's external_dependencies)."""
from setuptools import setup

setup(
    name="jewellery_followup_rules",
    version="1.0.0",
    description="Due dates, the limit of three contacts, what comes next and the wording of the jewellery "
                "second-chance follow-up, without the ORM",
    license="AGPL-3",
    packages=["jewellery_followup_rules"],
    python_requires=">=3.7",
    install_requires=["pytz"],
)
